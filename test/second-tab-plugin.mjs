// web-test-runner plugin: a second real tab for tests that need two browsing contexts with their own
// localStorage caches (two tabs of one user), in Chromium, Firefox and WebKit.
//
// Chromium and Firefox (puppeteer): a new page in the test page's browser context. WebKit (WebDriver,
// test/webkit-launcher.mjs): a new top-level window of the same WebDriver session (same website
// data, so the same localStorage); the session has one current window, so each command switches
// to the second window, runs there, and switches back to the test page before the next one.
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

/** Runs `expression` (its value may be a promise) through WebDriver's execute-async; resolves to its value. */
const WEBDRIVER_EVALUATE = `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (0, eval)(arguments[0])).then(
  (value) => done({ ok: true, value: value === undefined ? null : value }),
  (error) => done({ ok: false, error: String(error && error.stack || error) }),
);`;

/** The second tab in WebKit: a second window of the launcher's WebDriver session. */
class WebDriverTab {
  constructor(launcher) {
    this.launcher = launcher;
    this.handle = null;
    this.testHandle = null;
    /** One WebDriver command sequence at a time: they all move the session's current window. */
    this.queue = Promise.resolve();
  }

  /** Runs `fn(driver)` with the second window current, then makes the test page current again. */
  inWindow(fn) {
    const run = this.queue.then(async () => {
      const driver = this.launcher.session();
      await driver.switchToWindow(this.handle);
      try {
        return await fn(driver);
      } finally {
        await driver.switchToWindow(this.testHandle);
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }

  async open(url) {
    const driver = this.launcher.session();
    this.testHandle = await driver.getWindowHandle();
    this.handle = (await driver.createWindow('tab')).handle;
    await this.inWindow((second) => second.navigateTo(url));
  }

  async evaluate(expression) {
    const result = await this.inWindow((driver) => driver.executeAsync(WEBDRIVER_EVALUATE, expression));
    if (!result?.ok) throw new Error(`In the second tab: ${result?.error ?? 'no result'}`);
    return result.value;
  }

  async close() {
    if (!this.handle) return;
    await this.queue;
    const driver = this.launcher.session();
    await driver.switchToWindow(this.handle);
    await driver.closeWindow();
    await driver.switchToWindow(this.testHandle);
    this.handle = null;
  }
}

/** The second tab in Chromium and Firefox: a puppeteer page in the test page's browser context. */
class PuppeteerTab {
  constructor(testPage) {
    this.testPage = testPage;
    this.page = null;
  }

  async open(url) {
    this.page = await this.testPage.browserContext().newPage();
    await this.page.goto(url);
    // Firefox shows the new tab in front; the test page stays the foreground tab so its timers and
    // focus behave as in every other test (Chromium's flags already keep background tabs at full speed).
    await this.testPage.bringToFront();
  }

  async evaluate(expression) {
    return (await this.page.evaluate(expression)) ?? null;
  }

  async close() {
    if (this.page && !this.page.isClosed()) await this.page.close();
  }
}

export function secondTabPlugin() {
  /** Test session id → its second tab (a PuppeteerTab or a WebDriverTab). */
  const tabs = new Map();

  async function open(session) {
    if (tabs.has(session.id)) throw new Error('The second tab is already open.');
    const { browser } = session;
    let tab;
    let testUrl;
    if (browser.type === 'puppeteer') {
      const testPage = browser.getPage(session.id);
      tab = new PuppeteerTab(testPage);
      testUrl = testPage.url();
    } else if (browser.type === 'webdriver' && typeof browser.session === 'function') {
      tab = new WebDriverTab(browser);
      testUrl = await browser.getBrowserUrl(session.id);
    } else {
      throw new Error(`The second tab needs Chromium, Firefox or WebKit as this project launches them, not ${browser.type}.`);
    }
    tabs.set(session.id, tab);
    await tab.open(new URL(BLANK_PATH, testUrl).href);
    return { value: null };
  }

  async function evaluate(session, expression) {
    const tab = tabs.get(session.id);
    if (!tab) throw new Error('Open the second tab first.');
    if (typeof expression !== 'string') throw new Error('The expression to evaluate must be a string.');
    return { value: await tab.evaluate(expression) };
  }

  async function close(session) {
    const tab = tabs.get(session.id);
    tabs.delete(session.id);
    await tab?.close();
    return { value: null };
  }

  return {
    name: 'second-tab',
    serve(context) {
      if (context.path === BLANK_PATH) return { body: '<!doctype html><meta charset="utf-8"><title>Second tab</title>', type: 'html' };
    },
    async executeCommand({ command, payload, session }) {
      if (command !== 'second-tab') return undefined;
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
