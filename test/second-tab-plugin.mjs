// web-test-runner plugin: a second real tab for tests that need two browsing contexts with their own
// localStorage caches (two tabs of one user), in Chromium and in Firefox.
//
// From a test: executeServerCommand('second-tab', payload) with payload
//   { action: 'open' }                      opens a blank page at the test page's origin, in the same
//                                           browser context (so the same localStorage), as a new tab
//   { action: 'evaluate', expression }      evaluates the expression there; resolves to { value }
//   { action: 'close' }                     closes it
// One second tab per test session; a session that ends without 'close' leaves it open until the
// browser closes.

/** The blank page the second tab loads: same origin as the tests, nothing running in it. */
const BLANK_PATH = '/__mk-second-tab__';

export function secondTabPlugin() {
  /** Test session id → its second tab (a puppeteer Page). */
  const tabs = new Map();

  async function open(session) {
    if (tabs.has(session.id)) throw new Error('The second tab is already open.');
    const testPage = session.browser.getPage(session.id);
    const tab = await testPage.browserContext().newPage();
    tabs.set(session.id, tab);
    await tab.goto(new URL(BLANK_PATH, testPage.url()).href);
    // Firefox shows the new tab in front; the test page stays the foreground tab so its timers and
    // focus behave as in every other test (Chromium's flags already keep background tabs at full speed).
    await testPage.bringToFront();
    return { value: null };
  }

  async function evaluate(session, expression) {
    const tab = tabs.get(session.id);
    if (!tab) throw new Error('Open the second tab first.');
    if (typeof expression !== 'string') throw new Error('The expression to evaluate must be a string.');
    return { value: (await tab.evaluate(expression)) ?? null };
  }

  async function close(session) {
    const tab = tabs.get(session.id);
    tabs.delete(session.id);
    if (tab && !tab.isClosed()) await tab.close();
    return { value: null };
  }

  return {
    name: 'second-tab',
    serve(context) {
      if (context.path === BLANK_PATH) return { body: '<!doctype html><meta charset="utf-8"><title>Second tab</title>', type: 'html' };
    },
    async executeCommand({ command, payload, session }) {
      if (command !== 'second-tab') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('The second tab needs a puppeteer-driven browser.');
      switch (payload?.action) {
        case 'open':
          return open(session);
        case 'evaluate':
          return evaluate(session, payload.expression);
        case 'close':
          return close(session);
        default:
          throw new Error(`Unknown second-tab action: ${JSON.stringify(payload?.action)}.`);
      }
    },
  };
}
