/// <reference types="vite/client" />
/**
 * Preview: registers the widgets, mocks the OMA with MSW (msw-storybook-addon), feeds autodocs
 * from custom-elements.json, and adds the toolbar's theme and locale (viewport presets below).
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { setCustomElementsManifest, type Decorator, type Preview, type WebComponentsRenderer } from '@storybook/web-components-vite';
import type { ArgTypesEnhancer } from 'storybook/internal/types';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { setupWorker } from 'msw/browser';
import '../src/index.js';
import { setWidgetLocale } from '../src/i18n/index.js';
import { DISMISSAL_STORAGE_KEY } from '../src/model/dismissal-store.js';
import { mockOma } from '../stories/support/mocks.js';

// ---- autodocs: custom-elements.json ------------------------------------------------------------

interface ManifestMember {
  kind?: string;
  privacy?: string;
  static?: boolean;
}
interface ManifestDeclaration {
  kind?: string;
  name?: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  members?: ManifestMember[];
}
interface Manifest {
  modules?: { declarations?: ManifestDeclaration[] }[];
}

/** The elements' docs pages: every class with a `@tagname` in its JSDoc (test/node/manifest.test.mjs checks all four). */
function forDocs(manifest: Manifest): Manifest {
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.kind !== 'class' || !declaration.tagName) continue;
      // The docs page shows `description`; the classes keep their one-liner in `@summary`.
      const parts = [declaration.summary, declaration.description].filter((part): part is string => Boolean(part?.trim()));
      declaration.description = parts.join('\n\n');
      // Only the public API belongs in the docs table (not @state fields, controllers, getters).
      declaration.members = declaration.members?.filter(
        (member) => member.kind !== 'field' || ((member.privacy === undefined || member.privacy === 'public') && !member.static),
      );
    }
  }
  return manifest;
}

// `npm run storybook` / `npm run build-storybook` run `npm run analyze` first; without the file
// (a bare `storybook dev`) the docs tables are empty but nothing breaks.
const manifests = import.meta.glob<Manifest>('../custom-elements.json', { eager: true, import: 'default' });
const manifest = Object.values(manifests)[0];
if (manifest) setCustomElementsManifest(forDocs(structuredClone(manifest)));

/** Rows documented from the manifest that no control can set (events, parts, CSS properties, slots). */
const NO_CONTROL_CATEGORIES = new Set(['events', 'css shadow parts', 'css custom properties', 'slots']);

const docsOnlyRows: ArgTypesEnhancer<WebComponentsRenderer> = ({ argTypes }) =>
  Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      return [name, category && NO_CONTROL_CATEGORIES.has(category) ? { ...argType, control: false as const } : argType];
    }),
  );

// ---- decorators ---------------------------------------------------------------------------------

/** Page colours per theme, so the area around a widget matches it (and axe sees real contrast). */
const PAGE = {
  light: { background: '#ffffff', color: '#1f2328' },
  dark: { background: '#0d1117', color: '#e6edf3' },
} as const;

/**
 * Theme from the toolbar (or the story's `theme` arg): passed to the widgets as their `theme`
 * attribute, and applied to the area around them.
 */
const withTheme: Decorator = (story, context) => {
  const theme: 'light' | 'dark' = context.args['theme'] === 'dark' || (context.args['theme'] === undefined && context.globals['theme'] === 'dark') ? 'dark' : 'light';
  const page = PAGE[theme];
  if (context.viewMode === 'story') {
    document.documentElement.style.colorScheme = theme;
    document.body.style.background = page.background;
    document.body.style.color = page.color;
  }
  // The widgets take the host's font; a host page sets one, so the canvas does too.
  return html`<div
    class="mk-sb-canvas"
    data-theme=${theme}
    style="color-scheme:${theme};background:${page.background};color:${page.color};padding:1rem;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
  >
    ${story({ args: { ...context.args, theme } })}
  </div>`;
};

/**
 * A fresh `<mk-oma-provider>` per story: each story gets its own API client (cache, polling), so
 * switching stories never shows another story's answers. Stories that wire their own provider set
 * `parameters.ownProvider`.
 */
const withProvider: Decorator = (story, context) => {
  if (context.parameters['ownProvider']) return story();
  const apiBase = context.args['api-base'];
  return html`<mk-oma-provider api-base=${ifDefined(typeof apiBase === 'string' && apiBase ? apiBase : undefined)}>${story()}</mk-oma-provider>`;
};

// ---- the preview --------------------------------------------------------------------------------

const preview: Preview = {
  decorators: [withProvider, withTheme],
  argTypesEnhancers: [docsOnlyRows],
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker();
      await worker.start({
        quiet: true,
        // Relative to iframe.html, so a build served under a sub-path works too.
        serviceWorker: { url: './mockServiceWorker.js' },
        onUnhandledRequest: 'bypass',
      });
      return worker;
    }),
    async ({ globals }) => {
      const locale = typeof globals['locale'] === 'string' ? globals['locale'] : 'en';
      await setWidgetLocale(locale);
      document.documentElement.lang = locale;
      return {};
    },
  ],
  beforeEach() {
    // Dismissals persist in localStorage; start every story from none so stories stay reproducible.
    try {
      localStorage.removeItem(DISMISSAL_STORAGE_KEY);
    } catch {
      // sandboxed: the store works in memory anyway
    }
  },
  globalTypes: {
    theme: {
      description: 'Widget colour scheme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Widget language',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English', right: 'en' },
          { value: 'de', title: 'Deutsch', right: 'de' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: {
    theme: 'light',
    locale: 'en',
  },
  parameters: {
    msw: { handlers: { oma: mockOma() } },
    controls: { expanded: true, sort: 'requiredFirst' },
    a11y: {
      // Violations fail the story in the addon's test mode; the smoke test applies the same rules.
      test: 'error',
    },
    viewport: {
      options: {
        narrow320: { name: '320 px', styles: { width: '320px', height: '640px' }, type: 'mobile' },
        tablet: { name: 'Tablet (768 px)', styles: { width: '768px', height: '1024px' }, type: 'tablet' },
        desktop: { name: 'Desktop (1280 px)', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
      },
    },
    docs: {
      toc: true,
    },
  },
  tags: ['autodocs'],
};

export default preview;
