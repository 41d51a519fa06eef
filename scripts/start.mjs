// `npm start`: the demo page on Vite's dev server, with the mock OMA on /api/v1 (or a proxy to
// $OMA_URL, with $OMA_TOKEN). HOST (default 127.0.0.1) and PORT (default 5173) override the address;
// OPEN=1 also opens a browser on /demo/.
import { join } from 'node:path';
import process from 'node:process';
import { ROOT, ensureDependencies } from './ensure-setup.mjs';

ensureDependencies();
// Imported only now: on a fresh clone, vite exists after ensureDependencies().
const { createServer } = await import('vite');

const host = process.env.HOST?.trim() || '127.0.0.1';
const explicitPort = process.env.PORT?.trim();
const port = explicitPort ? Number(explicitPort) : 5173;
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`mk-widgets: PORT must be a port number, not "${explicitPort}".`);
  process.exit(1);
}
const DEMO_PATH = '/demo/';

const server = await createServer({
  configFile: join(ROOT, 'vite.config.ts'),
  root: ROOT,
  server: {
    host,
    port,
    // An explicit PORT must be that port; the default may move to the next free one.
    strictPort: Boolean(explicitPort),
    open: process.env.OPEN && process.env.OPEN !== '0' ? DEMO_PATH : false,
  },
});

await server.listen();
server.printUrls();

const base = server.resolvedUrls?.local[0] ?? server.resolvedUrls?.network[0] ?? `http://${host}:${port}/`;
const demoUrl = new URL(DEMO_PATH, base).href;
const omaUrl = process.env.OMA_URL?.trim();
console.log(`mk-widgets demo: ${demoUrl} ${omaUrl ? `(proxying /api/v1 to ${omaUrl})` : '(mock OMA)'}`);

if (process.stdin.isTTY) server.bindCLIShortcuts({ print: true });

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(0), 5000).unref();
    server.close().finally(() => process.exit(0));
  });
}
