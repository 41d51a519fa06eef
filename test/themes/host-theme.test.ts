/**
 * The widgets in the host's terms: light or dark as the page says (its color-scheme, the OS when it
 * says nothing, a widget's `theme` above both), the Flowbite theme file, and the gap a Tailwind
 * `space-y-4` container puts between its children reaching widgets inside a provider.
 * Every assertion is a computed colour or a measured gap, as a person would see it.
 *
 * A dark OS setting is emulated in Chromium and Firefox. WebKit cannot emulate it over WebDriver:
 * there the page's color-scheme and the theme attribute are tested the same way, the OS only in its
 * light setting, plus that WebKit kept the widget's dark-OS rule.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/elements/unified-job-list/unified-job-list.js';
import '../../src/elements/oma-provider/oma-provider.js';
import type { MkUnifiedJobList } from '../../src/elements/unified-job-list/unified-job-list.js';
import { engineCapabilities, rulesUnderMedia } from '../engine.js';

// The list's surface (its `base` part) in the built-in colours.
const LIGHT_SURFACE = 'rgb(255, 255, 255)';
const DARK_SURFACE = 'rgb(22, 25, 29)';

const added: Element[] = [];

/** Adds a host stylesheet (removed after the test). */
function hostCss(text: string): void {
  const style = document.createElement('style');
  style.textContent = text;
  document.head.append(style);
  added.push(style);
}

/** Loads a stylesheet file the way a host does, with a <link>. */
async function hostStylesheet(href: string): Promise<void> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', () => reject(new Error(`${href} did not load`)), { once: true });
  });
  document.head.append(link);
  added.push(link);
  await loaded;
}

/** A widget with no VM: it shows "No VM selected." on its surface. */
async function list(template = html`<mk-unified-job-list></mk-unified-job-list>`): Promise<MkUnifiedJobList> {
  const wrapper = await fixture<HTMLElement>(html`<div>${template}</div>`);
  const element = wrapper.querySelector('mk-unified-job-list')!;
  await element.updateComplete;
  expect(element.shadowRoot!.textContent).to.include('No VM selected.');
  return element;
}

function colours(element: MkUnifiedJobList) {
  const base = getComputedStyle(element.shadowRoot!.querySelector('[part~="base"]')!);
  return { surface: base.backgroundColor, border: base.borderTopColor, text: getComputedStyle(element).color };
}

afterEach(async () => {
  fixtureCleanup();
  for (const element of added.splice(0)) element.remove();
  document.documentElement.className = '';
  if ((await engineCapabilities()).emulatesMedia) await emulateMedia({ colorScheme: 'light' });
});

/** Emulates a dark OS setting; false (and nothing done) where this engine cannot. */
async function darkOs(): Promise<boolean> {
  if (!(await engineCapabilities()).emulatesMedia) return false;
  await emulateMedia({ colorScheme: 'dark' });
  return true;
}

describe('light or dark, as the host says', () => {
  it('is dark in a page that declares color-scheme: dark (Tailwind and Flowbite: html.dark)', async () => {
    hostCss('html.dark { color-scheme: dark; }');
    const element = await list();
    expect(colours(element).surface).to.equal(LIGHT_SURFACE);
    document.documentElement.classList.add('dark');
    expect(colours(element).surface).to.equal(DARK_SURFACE);
  });

  it('follows the OS setting when the page declares nothing', async () => {
    const element = await list();
    expect(matchMedia('(prefers-color-scheme: dark)').matches, 'the OS starts light').to.equal(false);
    expect(colours(element).surface).to.equal(LIGHT_SURFACE);
    if (await darkOs()) {
      expect(colours(element).surface).to.equal(DARK_SURFACE);
    } else {
      // WebKit: the rule a dark OS turns on is there as WebKit parsed it, and lets the page's scheme win.
      const rules = rulesUnderMedia(element.shadowRoot!, '(prefers-color-scheme: dark)').filter((rule) => rule.selectorText === ':host');
      expect(rules.map((rule) => rule.style.getPropertyValue('color-scheme').replace(/\s+/g, ''))).to.deep.equal(['var(--mk-color-scheme,lightdark)']);
    }
  });

  it('stays light under a dark OS when the page sets --mk-color-scheme: light (a page with its own light mode)', async () => {
    hostCss(':root { color-scheme: light; --mk-color-scheme: light; } :root.dark { color-scheme: dark; --mk-color-scheme: dark; }');
    await darkOs();
    const element = await list();
    expect(colours(element).surface).to.equal(LIGHT_SURFACE);
    document.documentElement.classList.add('dark');
    expect(colours(element).surface).to.equal(DARK_SURFACE);
  });

  it('theme="light" or theme="dark" on a widget wins over the page and the OS', async () => {
    hostCss('html.dark { color-scheme: dark; }');
    document.documentElement.classList.add('dark');
    const light = await list(html`<mk-unified-job-list theme="light"></mk-unified-job-list>`);
    expect(colours(light).surface).to.equal(LIGHT_SURFACE);

    document.documentElement.classList.remove('dark');
    const dark = await list(html`<mk-unified-job-list theme="dark"></mk-unified-job-list>`);
    expect(colours(dark).surface).to.equal(DARK_SURFACE);
    // Under a dark OS where the engine emulates one, and in a dark page again everywhere.
    await darkOs();
    document.documentElement.classList.add('dark');
    expect(colours(light).surface).to.equal(LIGHT_SURFACE);
    expect(colours(dark).surface).to.equal(DARK_SURFACE);
  });
});

describe('the Flowbite theme file (src/themes/flowbite.css)', () => {
  it("takes Flowbite's gray palette: light without the dark class (whatever the OS), dark with it, theme still wins", async () => {
    await hostStylesheet('/src/themes/flowbite.css');
    const element = await list();
    // white, gray-200, gray-900
    expect(colours(element)).to.deep.equal({ surface: 'rgb(255, 255, 255)', border: 'rgb(229, 231, 235)', text: 'rgb(17, 24, 39)' });
    if (await darkOs()) expect(colours(element).text, 'a dark OS alone changes nothing').to.equal('rgb(17, 24, 39)');

    document.documentElement.classList.add('dark');
    // gray-800, gray-600, white
    expect(colours(element)).to.deep.equal({ surface: 'rgb(31, 41, 55)', border: 'rgb(75, 85, 99)', text: 'rgb(255, 255, 255)' });
    element.theme = 'light';
    await element.updateComplete;
    expect(colours(element).surface).to.equal('rgb(255, 255, 255)');
  });
});

describe('spacing like the host\'s cards (Tailwind space-y-4 = 16 px)', () => {
  const TAILWIND = {
    v3: '.space-y-4 > :not([hidden]) ~ :not([hidden]) { margin-top: 1rem; }',
    v4: ':where(.space-y-4 > :not(:last-child)) { margin-block-end: 1rem; }',
  };
  const gaps = (elements: Element[]) =>
    elements.slice(1).map((element, index) => element.getBoundingClientRect().top - elements[index]!.getBoundingClientRect().bottom);

  for (const [version, rule] of Object.entries(TAILWIND)) {
    it(`Tailwind ${version}: a provider around the container leaves the container's gap between cards and widgets`, async () => {
      hostCss(`${rule} .card { height: 40px; }`);
      const page = await fixture<HTMLElement>(html`
        <mk-oma-provider>
          <div class="space-y-4">
            <div class="card">card</div>
            <mk-unified-job-list></mk-unified-job-list>
            <mk-unified-job-list></mk-unified-job-list>
          </div>
        </mk-oma-provider>
      `);
      expect(gaps([...page.querySelector('.space-y-4')!.children])).to.deep.equal([16, 16]);
    });

    it(`Tailwind ${version}: a provider inside the container with class="block space-y-4" spaces like a card`, async () => {
      hostCss(`${rule} .card { height: 40px; } .block { display: block; }`);
      const page = await fixture<HTMLElement>(html`
        <div class="space-y-4">
          <div class="card">card above</div>
          <mk-oma-provider class="block space-y-4">
            <mk-unified-job-list></mk-unified-job-list>
            <mk-unified-job-list></mk-unified-job-list>
          </mk-oma-provider>
          <div class="card">card below</div>
        </div>
      `);
      const [above, , below] = [...page.children];
      const widgets = [...page.querySelectorAll('mk-unified-job-list')];
      expect(gaps([above!, ...widgets, below!])).to.deep.equal([16, 16, 16]);
    });
  }
});
