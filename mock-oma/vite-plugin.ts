/**
 * Vite plugin for the demo dev server (and `vite preview`).
 *
 * - `OMA_URL` set: proxies `/api/v1` to that OMA (`changeOrigin`), adding
 *   `Authorization: Bearer $OMA_TOKEN` when `OMA_TOKEN` is set. The mock is not mounted.
 * - otherwise: answers `/api/v1` from the mock OMA (scenarios by VM name, see fixtures.ts);
 *   `MOCK_OMA_TOKEN` makes the mock require that Bearer token, like the real server.
 */
import type { Connect, Plugin, ProxyOptions } from 'vite';
import { createMockOma, type MockOma } from './handler.js';
import { scenarioNames } from './fixtures.js';
import { answerFromMock } from './node-server.js';

const MOUNT = '/api/v1';

function mockMiddleware(mock: MockOma): Connect.NextHandleFunction {
  // Connect strips the mount path from req.url: answerFromMock puts it back.
  return (req, res) => answerFromMock(mock, req, res, MOUNT);
}

export function mockOmaPlugin(): Plugin {
  const omaUrl = process.env.OMA_URL?.trim() || undefined;
  const omaToken = process.env.OMA_TOKEN?.trim() || undefined;
  const mockToken = process.env.MOCK_OMA_TOKEN?.trim() || undefined;
  let mock: MockOma | undefined;
  const getMock = () => (mock ??= createMockOma(mockToken ? { token: mockToken } : {}));

  return {
    name: 'mk-mock-oma',
    config(_config, env) {
      if (env.command === 'serve') {
        if (omaUrl) {
          console.info(`[mock-oma] proxy mode: ${MOUNT} → ${omaUrl}${omaToken ? ' (Bearer token from OMA_TOKEN)' : ' (no OMA_TOKEN)'}`);
        } else {
          console.info(
            `[mock-oma] mock mode: ${MOUNT} answered by the mock OMA${mockToken ? ' (token required: MOCK_OMA_TOKEN)' : ''}; VMs: ${scenarioNames.join(', ')}`,
          );
        }
      }
      // The demo page says which API it is talking to.
      const define = { __MK_DEMO_OMA_URL__: JSON.stringify(omaUrl ?? '') };
      if (!omaUrl) return { define };
      const proxy: Record<string, ProxyOptions> = {
        [MOUNT]: {
          target: omaUrl,
          changeOrigin: true,
          ...(omaToken ? { headers: { Authorization: `Bearer ${omaToken}` } } : {}),
        },
      };
      return { define, server: { proxy }, preview: { proxy } };
    },
    configureServer(server) {
      if (omaUrl) return;
      server.middlewares.use(MOUNT, mockMiddleware(getMock()));
    },
    configurePreviewServer(server) {
      if (omaUrl) return;
      server.middlewares.use(MOUNT, mockMiddleware(getMock()));
    },
  };
}
