/**
 * `mk-widgets/react`: React components for the widgets, made with `@lit/react`.
 *
 * ```tsx
 * 'use client';
 * import { OmaProvider, OperationErrorBanner, UnifiedJobList } from 'mk-widgets/react';
 *
 * <OmaProvider token={getToken}>
 *   <OperationErrorBanner vmName="pgtest1" onTryLiveFailover={(e) => openPreflight(e.detail)} />
 *   <UnifiedJobList vmName="pgtest1" onTryLiveFailover={(e) => openPreflight(e.detail)} />
 * </OmaProvider>
 * ```
 *
 * Props are the elements' properties (camelCase: `vmName`, `contextId`, `apiBase`, `job`, `token`,
 * `endpoints`, and host-fed `vmContext` / `recentJobs`…), set as properties on the element, so
 * objects and functions pass through as they are. Events come as `on…` callbacks with the typed
 * event (`event.detail`); call `event.preventDefault()` to take over (`onViewDetails`: open your own
 * view; `onDismiss`: keep the banner; `onTryLiveFailover`: keep the details dialog open).
 *
 * Importing this module is safe on a server (Next.js server components and SSR): the elements
 * register only where `customElements` exists, and nothing reads `window`, `document` or
 * `localStorage` until an element is created in a browser. The components use hooks, so in the
 * Next.js App Router use them from a `'use client'` file.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { MkUnifiedJobList } from './elements/unified-job-list/unified-job-list.js';
import { MkOperationErrorBanner } from './elements/operation-error-banner/operation-error-banner.js';
import { MkJobErrorModal } from './elements/job-error-modal/job-error-modal.js';
import { MkOmaProvider } from './elements/oma-provider/oma-provider.js';
import { MkVmStatus } from './elements/vm-status/vm-status.js';
import { DismissEvent, TryLiveFailoverEvent, ViewDetailsEvent } from './events.js';

export type { TryLiveFailoverDetail, DismissDetail, ViewDetailsDetail, ActionSource } from './events.js';
export { TryLiveFailoverEvent, DismissEvent, ViewDetailsEvent } from './events.js';
export type { OmaClientOptions, EndpointTemplates } from './api/client.js';
export type { VmContextResponse, RecentJobsResponse, UnifiedJob, OperationSummary } from './api/wire.js';
export { MkUnifiedJobList, MkOperationErrorBanner, MkJobErrorModal, MkOmaProvider, MkVmStatus };

const tryLiveFailover = TryLiveFailoverEvent.eventName as EventName<TryLiveFailoverEvent>;
const dismiss = DismissEvent.eventName as EventName<DismissEvent>;
const viewDetails = ViewDetailsEvent.eventName as EventName<ViewDetailsEvent>;
const close = 'close' as EventName<Event>;

/** `<mk-unified-job-list>`: all recent operations of one VM. */
export const UnifiedJobList = createComponent({
  react: React,
  tagName: 'mk-unified-job-list',
  elementClass: MkUnifiedJobList,
  events: { onTryLiveFailover: tryLiveFailover, onViewDetails: viewDetails },
  displayName: 'UnifiedJobList',
});

/** `<mk-operation-error-banner>`: the notice at the top of a VM's page when its last operation failed. */
export const OperationErrorBanner = createComponent({
  react: React,
  tagName: 'mk-operation-error-banner',
  elementClass: MkOperationErrorBanner,
  events: { onTryLiveFailover: tryLiveFailover, onDismiss: dismiss, onViewDetails: viewDetails },
  displayName: 'OperationErrorBanner',
});

/** `<mk-job-error-modal>`: the detail dialog of one operation. `onClose` runs when it closes itself. */
export const JobErrorModal = createComponent({
  react: React,
  tagName: 'mk-job-error-modal',
  elementClass: MkJobErrorModal,
  events: { onTryLiveFailover: tryLiveFailover, onClose: close },
  displayName: 'JobErrorModal',
});

/** `<mk-oma-provider>`: one API client (base, token, headers, credentials, fetch) for every widget inside. */
export const OmaProvider = createComponent({
  react: React,
  tagName: 'mk-oma-provider',
  elementClass: MkOmaProvider,
  displayName: 'OmaProvider',
});

/** `<mk-vm-status>`: a VM's state and last operation on one line, for VM tables and cards. */
export const VmStatus = createComponent({
  react: React,
  tagName: 'mk-vm-status',
  elementClass: MkVmStatus,
  events: { onTryLiveFailover: tryLiveFailover, onViewDetails: viewDetails },
  displayName: 'VmStatus',
});

export type UnifiedJobListProps = React.ComponentProps<typeof UnifiedJobList>;
export type OperationErrorBannerProps = React.ComponentProps<typeof OperationErrorBanner>;
export type JobErrorModalProps = React.ComponentProps<typeof JobErrorModal>;
export type OmaProviderProps = React.ComponentProps<typeof OmaProvider>;
export type VmStatusProps = React.ComponentProps<typeof VmStatus>;
