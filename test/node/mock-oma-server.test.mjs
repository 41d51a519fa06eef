// `npm run mock-oma` as a host app meets it: a process on a free port that answers the mock API
// across origins (CORS), and stops on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../../scripts/ensure-setup.mjs';

const HOST_ORIGIN = 'http://localhost:3000';
let server;
let origin;

before(async () => {
  server = spawn(process.execPath, [join(ROOT, 'scripts', 'mock-oma.mjs'), '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  server.stdout.setEncoding('utf8');
  origin = await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /mock OMA: (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`npm run mock-oma exited (${code}) before listening:\n${output}`)));
  });
});

after(() => {
  if (server.exitCode === null) server.kill('SIGKILL');
});

describe('npm run mock-oma', () => {
  it('serves the VM list and the fleet to a page on another origin', async () => {
    const list = await fetch(`${origin}/api/v1/vm-contexts`, { headers: { Origin: HOST_ORIGIN } });
    assert.equal(list.status, 200);
    assert.equal(list.headers.get('access-control-allow-origin'), HOST_ORIGIN);
    const body = await list.json();
    assert.ok(body.vm_contexts.some((context) => context.vm_name === 'pgtest1'));
    assert.equal(typeof body.vm_contexts[0].last_operation_summary, 'string');

    const fleet = await (await fetch(`${origin}/api/v1/vm-contexts?fleet=500`)).json();
    assert.equal(fleet.count, 500);
    assert.equal((await fetch(`${origin}/api/v1/vm-contexts/${fleet.vm_contexts[499].vm_name}`)).status, 200);
  });

  it('answers the preflight of a request with a Bearer token', async () => {
    const preflight = await fetch(`${origin}/api/v1/vm-contexts/pgtest1`, {
      method: 'OPTIONS',
      headers: { Origin: HOST_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), HOST_ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /GET/);
  });

  it('answers only the API: other paths are a JSON 404', async () => {
    const other = await fetch(`${origin}/demo/`);
    assert.equal(other.status, 404);
    assert.equal(other.headers.get('content-type'), 'application/json');
  });

  it('stops on SIGTERM', async () => {
    server.kill('SIGTERM');
    const [code] = await once(server, 'exit');
    assert.equal(code, 0);
  });
});
