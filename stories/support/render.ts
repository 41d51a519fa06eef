/**
 * Story renderers: args named as the elements' attributes (so the Controls panel edits attributes),
 * events bound to the Actions panel.
 */
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { ArgTypes } from '@storybook/web-components-vite';
import type { DismissalStore } from '../../src/model/dismissal-store.js';

type Theme = 'light' | 'dark';

/** Attributes every widget has (MkElement). */
export interface CommonArgs {
  'api-base'?: string;
  admin?: boolean;
  theme?: Theme;
  onTryLiveFailover?: (event: Event) => void;
  onViewDetails?: (event: Event) => void;
}

/** The list's and the banner's: how they fold failures, and server bodies a host hands over. */
interface HostArgs {
  density?: 'compact' | 'comfortable';
  vmContext?: unknown;
}

export interface ListArgs extends CommonArgs, HostArgs {
  recentJobs?: unknown;
  'context-id'?: string;
  'vm-name'?: string;
  'poll-interval'?: number;
  heading?: string;
}

export interface BannerArgs extends CommonArgs, HostArgs {
  'vm-name'?: string;
  dismissals?: DismissalStore;
  onDismiss?: (event: Event) => void;
}

export interface ModalArgs extends CommonArgs {
  job?: unknown;
  'vm-name'?: string;
  'context-id'?: string;
  'job-id'?: string;
  open?: boolean;
  onClose?: (event: Event) => void;
}

/** Empty strings from a cleared text control mean "attribute absent". */
const attr = (value: string | number | undefined) => (value === undefined || value === '' ? undefined : String(value));

export const renderList = (args: ListArgs) =>
  html`<mk-unified-job-list
    context-id=${ifDefined(attr(args['context-id']))}
    vm-name=${ifDefined(attr(args['vm-name']))}
    poll-interval=${ifDefined(attr(args['poll-interval']))}
    heading=${ifDefined(attr(args.heading))}
    density=${ifDefined(args.density)}
    .vmContext=${args.vmContext}
    .recentJobs=${args.recentJobs}
    ?admin=${args.admin}
    theme=${ifDefined(args.theme)}
    @try-live-failover=${args.onTryLiveFailover ?? nothing}
    @view-details=${args.onViewDetails ?? nothing}
  ></mk-unified-job-list>`;

export const renderBanner = (args: BannerArgs) =>
  html`<mk-operation-error-banner
    vm-name=${ifDefined(attr(args['vm-name']))}
    density=${ifDefined(args.density)}
    .vmContext=${args.vmContext}
    ?admin=${args.admin}
    theme=${ifDefined(args.theme)}
    .dismissals=${args.dismissals ?? nothing}
    @dismiss=${args.onDismiss ?? nothing}
    @try-live-failover=${args.onTryLiveFailover ?? nothing}
    @view-details=${args.onViewDetails ?? nothing}
  ></mk-operation-error-banner>`;

export const renderModal = (args: ModalArgs) =>
  html`<mk-job-error-modal
    .job=${args.job}
    vm-name=${ifDefined(attr(args['vm-name']))}
    context-id=${ifDefined(attr(args['context-id']))}
    job-id=${ifDefined(attr(args['job-id']))}
    ?open=${args.open}
    ?admin=${args.admin}
    theme=${ifDefined(args.theme)}
    @close=${args.onClose ?? nothing}
    @try-live-failover=${args.onTryLiveFailover ?? nothing}
  ></mk-job-error-modal>`;

/**
 * Event listeners as spies: every call is logged in the Actions panel under the event's name (the
 * manifest's event rows document them), and play functions can assert on them.
 */
export const eventArgs = {
  onTryLiveFailover: fn().mockName('try-live-failover'),
  onDismiss: fn().mockName('dismiss'),
  onClose: fn().mockName('close'),
  onViewDetails: fn().mockName('view-details'),
};

const hidden = { table: { disable: true } } as const;
const noControl = { control: false } as const;

/**
 * Controls for the attributes (the argTypes' docs come from custom-elements.json). The property
 * rows of the manifest stay in the docs table without a control, since their attribute has one.
 */
export const commonArgTypes = {
  'api-base': { control: 'text' },
  admin: { control: 'boolean' },
  theme: { control: 'inline-radio', options: ['light', 'dark'] },
  apiBase: noControl,
  onTryLiveFailover: hidden,
  onDismiss: hidden,
  onClose: hidden,
  onViewDetails: hidden,
} satisfies ArgTypes;

/** The list's and the banner's own: folding, and host-fed bodies (objects: no control). */
const hostArgTypes = {
  density: { control: 'inline-radio', options: ['compact', 'comfortable'] },
  vmContext: noControl,
} satisfies ArgTypes;

export const listArgTypes = {
  ...commonArgTypes,
  ...hostArgTypes,
  recentJobs: noControl,
  'context-id': { control: 'text' },
  'vm-name': { control: 'text' },
  'poll-interval': { control: { type: 'number', min: 0, step: 1 } },
  heading: { control: 'text' },
  contextId: noControl,
  vmName: noControl,
  pollInterval: noControl,
} satisfies ArgTypes;

export const bannerArgTypes = {
  ...commonArgTypes,
  ...hostArgTypes,
  'vm-name': { control: 'text' },
  vmName: noControl,
  dismissals: noControl,
} satisfies ArgTypes;

export const modalArgTypes = {
  ...commonArgTypes,
  'vm-name': { control: 'text' },
  'context-id': { control: 'text' },
  'job-id': { control: 'text' },
  open: { control: 'boolean' },
  job: { control: 'object' },
  vmName: noControl,
  contextId: noControl,
  jobId: noControl,
} satisfies ArgTypes;

/** The open shadow root of the first `tag` in the canvas, once it has rendered. */
export function shadowOf(canvasElement: HTMLElement, tag: string): ShadowRoot {
  const root = canvasElement.querySelector(tag)?.shadowRoot;
  if (!root) throw new Error(`<${tag}> has not rendered`);
  return root;
}
