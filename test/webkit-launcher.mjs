// web-test-runner: WebKit (WebKitGTK's MiniBrowser) through WebKitWebDriver, and the test commands
// the stock plugins of @web/test-runner-commands leave out for WebDriver.
//
//   webkitLauncher({ browser, driver })   @web/test-runner-webdriver's launcher that starts Xvfb (when
//                                         DISPLAY is unset) and the driver itself, and stops both
//   webdriverCommandsPlugin()             sendKeys (press, type, down, up), setViewport and
//                                         emulateMedia for that launcher, with the same payloads as
//                                         @web/test-runner-commands, so tests import nothing else
//
// One test page at a time (concurrency 1): the launcher's iframe mode, used above 1, cannot send
// keys to the right page. The test page is the window's top-level page, reused from file to file;
// each file starts at 800×600, like a new puppeteer page.
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { setWebKitViewport, startWebKitDriver, webKitCapabilities, WEBKIT_MIN_WINDOW_WIDTH } from '../scripts/webkit.mjs';

/** The viewport every test file starts with: puppeteer's default, as in Chromium and Firefox. */
const DEFAULT_VIEWPORT = { width: 800, height: 600 };

const COMMANDS_PLUGIN_NAME = 'webdriver-commands';

/** WebDriver's code points for the named keys (WebDriver spec, "Keyboard actions"), by the names puppeteer and Playwright use. */
const WEBDRIVER_KEYS = {
  Cancel: '\uE001',
  Help: '\uE002',
  Backspace: '\uE003',
  Tab: '\uE004',
  Clear: '\uE005',
  Enter: '\uE007',
  Shift: '\uE008',
  ShiftLeft: '\uE008',
  Control: '\uE009',
  ControlLeft: '\uE009',
  Alt: '\uE00A',
  AltLeft: '\uE00A',
  Pause: '\uE00B',
  Escape: '\uE00C',
  Space: '\uE00D',
  ' ': '\uE00D',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Insert: '\uE016',
  Delete: '\uE017',
  F1: '\uE031',
  F2: '\uE032',
  F3: '\uE033',
  F4: '\uE034',
  F5: '\uE035',
  F6: '\uE036',
  F7: '\uE037',
  F8: '\uE038',
  F9: '\uE039',
  F10: '\uE03A',
  F11: '\uE03B',
  F12: '\uE03C',
  Meta: '\uE03D',
  MetaLeft: '\uE03D',
  ShiftRight: '\uE050',
  ControlRight: '\uE051',
  AltRight: '\uE052',
  MetaRight: '\uE053',
};

/** One key by its puppeteer/Playwright name ("Enter", "a", "KeyA", "Digit1") as WebDriver's value. */
function webdriverKey(name) {
  if (name in WEBDRIVER_KEYS) return WEBDRIVER_KEYS[name];
  if ([...name].length === 1) return name;
  const letter = /^Key([A-Z])$/.exec(name);
  if (letter) return letter[1].toLowerCase();
  const digit = /^Digit(\d)$/.exec(name);
  if (digit) return digit[1];
  throw new Error(`sendKeys: unknown key "${name}" for WebDriver.`);
}

/** The key actions for a stock sendKeys payload ({ type } | { press } | { down } | { up }). */
function keyActions(payload) {
  const keys = payload && typeof payload === 'object' ? Object.keys(payload) : [];
  if (keys.length !== 1 || typeof payload[keys[0]] !== 'string') {
    throw new Error('sendKeys takes exactly one of: type, press, down, up (a string).');
  }
  const [kind] = keys;
  const value = payload[kind];
  switch (kind) {
    case 'type':
      return [...value].flatMap((character) => [
        { type: 'keyDown', value: character },
        { type: 'keyUp', value: character },
      ]);
    case 'press': {
      // "Shift+Tab" as Playwright writes a chord: every key down in order, then up in reverse.
      const chord = value.length > 1 && value.includes('+') ? value.split('+') : [value];
      const codes = chord.map(webdriverKey);
      return [...codes.map((code) => ({ type: 'keyDown', value: code })), ...codes.reverse().map((code) => ({ type: 'keyUp', value: code }))];
    }
    case 'down':
      return [{ type: 'keyDown', value: webdriverKey(value) }];
    case 'up':
      return [{ type: 'keyUp', value: webdriverKey(value) }];
    default:
      throw new Error(`sendKeys: "${kind}" is not one of type, press, down, up.`);
  }
}

/**
 * @web/test-runner-webdriver's launcher for WebKitGTK's MiniBrowser. `browser` and `driver` are the
 * binaries (ensureWebKit() in scripts/ensure-setup.mjs). The driver and Xvfb start with the first
 * test file and stop when the runner stops the launcher (and, whatever happens, when the process
 * exits). It uses three members of @web/test-runner-webdriver 1.0's launcher that its types call
 * private: `driver` (the webdriverio session), `driverManager` and `ensureManagerInitialized()`.
 */
export class WebKitLauncher extends WebdriverLauncher {
  constructor({ browser, driver }) {
    super({ capabilities: webKitCapabilities(browser), logLevel: 'error' });
    this.binaries = { browser, driver };
    this.webkit = null;
    /** The viewport the window was last set to; null until the first test file. */
    this.viewport = null;
    // The scheduler reads a launcher's own concurrency before the config's.
    this.concurrency = 1;
  }

  async initialize(config, testFiles) {
    // The stock command plugins run first and refuse these commands for WebDriver: ours goes before them.
    const plugins = config.plugins ?? [];
    const ours = plugins.findIndex((plugin) => plugin.name === COMMANDS_PLUGIN_NAME);
    if (ours > 0) plugins.unshift(...plugins.splice(ours, 1));
    // concurrency 1 makes the launcher drive the window's top-level page (its SessionManager).
    await super.initialize({ ...config, concurrency: 1 }, testFiles);
    this.name = 'WebKit';
  }

  async startSession(id, url) {
    await this.ensureDriver();
    // Creates the WebDriver session (and so MiniBrowser's window) on the first call.
    await this.ensureManagerInitialized();
    if (!sameViewport(this.viewport, DEFAULT_VIEWPORT)) await this.setViewport(DEFAULT_VIEWPORT);
    return super.startSession(id, url);
  }

  /** Starts Xvfb (when needed) and WebKitWebDriver once, and points the launcher's options at the driver. */
  async ensureDriver() {
    this.webkit ??= startWebKitDriver({ driver: this.binaries.driver }).then((webkit) => {
      Object.assign(this.options, webkit.connection);
      return webkit;
    });
    await this.webkit;
  }

  async stop() {
    await super.stop();
    const webkit = await this.webkit?.catch(() => null);
    this.webkit = null;
    await webkit?.stop();
  }

  /** The WebDriver session (webdriverio's Browser); throws before the first test file. */
  session() {
    if (!this.driver) throw new Error('WebKit has no WebDriver session yet.');
    return this.driver;
  }

  /** Sizes the window so that the page's viewport is `width` × `height` CSS pixels. */
  async setViewport(viewport) {
    if (viewport.width < WEBKIT_MIN_WINDOW_WIDTH) {
      throw new Error(
        `setViewport: WebKit's window cannot be narrower than ${WEBKIT_MIN_WINDOW_WIDTH} px (asked for ${viewport.width}); lay the test out in a narrow container or iframe instead.`,
      );
    }
    this.viewport = null;
    await setWebKitViewport(this.session(), viewport);
    this.viewport = { width: viewport.width, height: viewport.height };
  }

  async sendKeyActions(sessionId, actions) {
    return this.driverManager.performActions(sessionId, [{ type: 'key', id: 'keyboard', actions }]);
  }
}

function sameViewport(a, b) {
  return Boolean(a && b && a.width === b.width && a.height === b.height);
}

export function webkitLauncher(options) {
  return new WebKitLauncher(options);
}

/**
 * sendKeys, setViewport and emulateMedia for the WebKit launcher, with @web/test-runner-commands'
 * command names and payloads; every other browser is left to the stock plugins. WebDriver has no
 * media emulation: emulateMedia fails there with a message saying so (see `engine-capabilities`).
 *
 * `executeServerCommand('engine-capabilities')` answers in every browser
 * { emulatesMedia, minViewportWidth } so that a test can pick what it can assert in this engine.
 */
export function webdriverCommandsPlugin() {
  return {
    name: COMMANDS_PLUGIN_NAME,
    async executeCommand({ command, payload, session }) {
      const launcher = session.browser;
      const isWebKit = launcher instanceof WebKitLauncher;
      if (command === 'engine-capabilities') {
        return isWebKit ? { emulatesMedia: false, minViewportWidth: WEBKIT_MIN_WINDOW_WIDTH } : { emulatesMedia: true, minViewportWidth: 0 };
      }
      if (!isWebKit) return undefined;
      switch (command) {
        case 'send-keys':
          await launcher.sendKeyActions(session.id, keyActions(payload));
          return true;
        case 'set-viewport':
          if (typeof payload?.width !== 'number' || typeof payload?.height !== 'number') throw new Error('setViewport needs a width and a height.');
          await launcher.setViewport(payload);
          return true;
        case 'emulate-media':
          throw new Error('emulateMedia is not supported in WebKit: WebDriver has no media emulation (ask executeServerCommand("engine-capabilities") first).');
        default:
          return undefined;
      }
    },
  };
}
