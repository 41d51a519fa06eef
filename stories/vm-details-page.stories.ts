import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { MkJobErrorModal } from '../src/elements/job-error-modal/job-error-modal.js';
import type { TryLiveFailoverDetail } from '../src/events.js';
import { eventArgs, type CommonArgs } from './support/render.js';
import { findButton, findInShadow, findOpenDialog } from './support/play.js';

interface PageArgs extends CommonArgs {
  'vm-name': string;
  /** Custom `--mk-*` values on the page (the themed example). */
  tokens?: Record<string, string>;
  onDismiss?: (event: Event) => void;
  onClose?: (event: Event) => void;
}

/** What a host does on try-live-failover: opens its own pre-flight dialog (here: says so). */
function onTryLiveFailover(args: PageArgs) {
  return (event: Event) => {
    args.onTryLiveFailover?.(event);
    const detail = (event as CustomEvent<TryLiveFailoverDetail>).detail;
    const log = (event.currentTarget as HTMLElement).querySelector('.host-log');
    if (log) log.textContent = `The host would now open its live failover pre-flight dialog for ${detail.vmName ?? 'this VM'} (from the ${detail.source}).`;
  };
}

function showLastOperation(event: Event) {
  const page = (event.currentTarget as HTMLElement).closest('.vm-page');
  page?.querySelector<MkJobErrorModal>('mk-job-error-modal')?.show();
}

/**
 * A host page with all three widgets under one `<mk-oma-provider>` (one client: shared requests,
 * cache and polling). The host listens for `try-live-failover` and `dismiss` on its own element
 * (they bubble and are composed) and for the standalone dialog's `close`.
 */
const renderPage = (args: PageArgs) => {
  const vmName = args['vm-name'];
  return html`<style>
      .vm-page {
        display: grid;
        gap: 1rem;
        max-width: 60rem;
        margin: 0 auto;
        font: 0.875rem/1.45 system-ui, sans-serif;
      }
      .vm-page .page-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem 1rem;
      }
      .vm-page h1 {
        margin: 0;
        font-size: 1.4rem;
      }
      .vm-page .host-log:empty {
        display: none;
      }
      /* The host's own button style: a UA-styled button in a dark page is light-on-light in WebKitGTK. */
      .vm-page .page-head button {
        font: inherit;
        color: inherit;
        background: transparent;
        border: 1px solid currentColor;
        border-radius: 6px;
        padding: 0.25rem 0.75rem;
        cursor: pointer;
      }
    </style>
    <mk-oma-provider>
      <div
        class="vm-page"
        style=${styleMap(args.tokens ?? {})}
        @try-live-failover=${onTryLiveFailover(args)}
        @dismiss=${args.onDismiss ?? nothing}
      >
        <div class="page-head">
          <h1>${vmName}</h1>
          <button type="button" @click=${showLastOperation}>Last operation details</button>
        </div>
        <mk-operation-error-banner vm-name=${vmName} ?admin=${args.admin} theme=${ifDefined(args.theme)}></mk-operation-error-banner>
        <p class="host-log" role="status"></p>
        <mk-unified-job-list vm-name=${vmName} ?admin=${args.admin} theme=${ifDefined(args.theme)}></mk-unified-job-list>
        <mk-job-error-modal
          vm-name=${vmName}
          ?admin=${args.admin}
          theme=${ifDefined(args.theme)}
          @close=${args.onClose ?? nothing}
        ></mk-job-error-modal>
      </div>
    </mk-oma-provider>`;
};

const meta = {
  title: 'Examples/VM details page',
  render: renderPage,
  tags: ['!autodocs'],
  parameters: { ownProvider: true, layout: 'fullscreen' },
  argTypes: {
    'vm-name': { control: 'text', description: 'The VM of the page: `vm-name` of all three widgets.' },
    admin: { control: 'boolean', description: '`admin` on all three widgets (Technical details in the dialogs).' },
    theme: { control: 'inline-radio', options: ['light', 'dark'], description: '`theme` of all three widgets (default: the toolbar).' },
    tokens: { control: 'object', description: 'Custom `--mk-*` properties set on the page element.' },
    onTryLiveFailover: { table: { disable: true } },
    onDismiss: { table: { disable: true } },
    onClose: { table: { disable: true } },
  },
  args: { 'vm-name': 'pgtest1', ...eventArgs },
} satisfies Meta<PageArgs>;

export default meta;
type Story = StoryObj<PageArgs>;

/** Waits for the banner and the list rows. */
const pageLoaded: Story['play'] = async ({ canvasElement }) => {
  await findInShadow(canvasElement, 'mk-operation-error-banner', '.banner');
  await findInShadow(canvasElement, 'mk-unified-job-list', 'ul.rows');
};

/**
 * The composed page: banner, list and a host-opened dialog. Press Try Live Failover (banner, row or
 * dialog), Dismiss or Close: the events appear in the Actions panel. The play function presses the
 * banner's Try Live Failover.
 */
export const VmDetailsPage: Story = {
  name: 'VM details page',
  play: async (context) => {
    await pageLoaded(context);
    const { canvasElement, args } = context;
    const button = await findButton(canvasElement, 'mk-operation-error-banner', 'Try Live Failover');
    await userEvent.click(button);
    await waitFor(() => expect(args.onTryLiveFailover).toHaveBeenCalled());
    await expect(canvasElement.querySelector('.host-log')?.textContent).toContain('pre-flight');
  },
};

/** The same page for an admin, with the host's dialog open (Technical details inside). */
export const AdminWithDialog: Story = {
  args: { admin: true },
  play: async (context) => {
    await pageLoaded(context);
    const opener = context.canvasElement.querySelector<HTMLButtonElement>('.page-head button');
    if (!opener) throw new Error('no button');
    await userEvent.click(opener);
    const dialog = await findOpenDialog(context.canvasElement);
    await waitFor(() => expect(dialog.querySelector('details')).toBeTruthy());
  },
};

/** Dark mode (toolbar Theme → Dark): every widget gets `theme="dark"`. */
export const DarkMode: Story = {
  globals: { theme: 'dark' },
  play: pageLoaded,
};

/** The second locale (toolbar Locale → Deutsch): all strings, times and numbers in German. */
export const SecondLocale: Story = {
  name: 'Second locale (Deutsch)',
  globals: { locale: 'de' },
  play: pageLoaded,
};

/** A host theme through the `--mk-*` custom properties (font, radius, spacing, colours). */
export const Themed: Story = {
  name: 'Themed (custom --mk-* values)',
  args: {
    theme: 'light',
    tokens: {
      '--mk-font-family': 'Georgia, "Times New Roman", serif',
      '--mk-font-size': '0.95rem',
      '--mk-radius': '2px',
      '--mk-space': '1rem',
      '--mk-color-surface': '#fffdf7',
      '--mk-color-surface-raised': '#f4efe3',
      '--mk-color-text': '#2b2118',
      '--mk-color-muted': '#5e5247',
      '--mk-color-border': '#c9bfa8',
      '--mk-color-completed': '#1e6b3a',
      '--mk-color-failed': '#a3211a',
      '--mk-color-failed-surface': '#fbefe9',
      '--mk-color-running': '#1d4f91',
      '--mk-color-neutral': '#5a5550',
      '--mk-color-accent': '#5b2a86',
      '--mk-color-accent-text': '#ffffff',
      '--mk-color-focus': '#5b2a86',
    },
  },
  play: pageLoaded,
};

/** The whole page at 320 px (viewport preset "320 px"). */
export const Narrow: Story = {
  name: 'Narrow (320 px)',
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  tags: ['viewport-320'],
  play: pageLoaded,
};
