// `npm run mock-oma`: the mock OMA on its own (only the API: /api/v1/...), with CORS, so a host app
// on another port can develop against the demo's scenarios and the generated fleet.
//
//   npm run mock-oma                    http://127.0.0.1:8082/api/v1/...
//   npm run mock-oma -- --port 9000     or PORT=9000 / MOCK_OMA_PORT=9000 (the flag wins; 0 = any free port)
//   HOST=0.0.0.0 npm run mock-oma       listen on every interface
//   MOCK_OMA_TOKEN=secret npm run mock-oma   demand `Authorization: Bearer secret`, like the real OMA
//
// It prints `mock OMA: http://HOST:PORT` once it listens (scripts read the port from that line)
// and stops on Ctrl-C or SIGTERM.
import { join } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { ROOT, ensureDependencies, untilInterrupted } from './ensure-setup.mjs';

const DEFAULT_PORT = 8082;

const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, host: { type: 'string' } } });
const portText = values.port ?? process.env.PORT?.trim() ?? process.env.MOCK_OMA_PORT?.trim() ?? String(DEFAULT_PORT);
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65535) {
  console.error(`mk-widgets: the mock OMA's port must be a number from 0 to 65535, not "${portText}".`);
  process.exit(1);
}
const host = values.host ?? (process.env.HOST?.trim() || '127.0.0.1');
const token = process.env.MOCK_OMA_TOKEN?.trim() || undefined;

ensureDependencies();
// The mock is TypeScript: Vite's module runner loads it (imported only now: on a fresh clone,
// vite exists after ensureDependencies()).
const { runnerImport } = await import('vite');
const [{ module: server }, { module: fixtures }] = await Promise.all(
  ['node-server.ts', 'fixtures.ts'].map((file) => runnerImport(join(ROOT, 'mock-oma', file), { configFile: false, logLevel: 'warn' })),
);

const httpServer = server.createMockOmaServer(token ? { token } : {});
httpServer.on('error', (error) => {
  console.error(`mk-widgets: the mock OMA could not listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
httpServer.listen(port, host, () => {
  const address = httpServer.address();
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  console.log(`mock OMA: ${origin}`);
  console.log(`  VMs: ${fixtures.scenarioNames.join(', ')}; a fleet: ${origin}/api/v1/vm-contexts?fleet=500`);
  console.log(`  ${token ? 'token required (MOCK_OMA_TOKEN)' : 'no token required'}; CORS open to any origin. Ctrl-C stops it.`);
});

await untilInterrupted();
httpServer.closeAllConnections();
httpServer.close(() => process.exit(0));
