/**
 * Public events of the widgets. All bubble, are composed (a host can listen on the element or on
 * `document`) and are cancelable: `preventDefault()` hands the decision back to the host. The
 * widgets never start anything on the server themselves.
 */
import type { OperationType } from './model/operation.js';

/** Where a button was pressed. */
export type ActionSource = 'list' | 'banner' | 'modal' | 'vm-status';

export interface TryLiveFailoverDetail {
  contextId?: string;
  vmName?: string;
  jobId?: string;
  operationType: OperationType;
  source: ActionSource;
}

export interface DismissDetail {
  contextId?: string;
  vmName?: string;
  jobId?: string;
}

export interface ViewDetailsDetail {
  contextId?: string;
  vmName?: string;
  jobId?: string;
  source: ActionSource;
}

/** Every widget event bubbles, is composed and is cancelable. */
const init = <T>(detail: T): CustomEventInit<T> => ({ detail, bubbles: true, composed: true, cancelable: true });

/**
 * Try Live Failover was pressed. Not cancelled, the details dialog it came from closes so the host's
 * pre-flight dialog is on top; cancelled, the dialog stays open.
 */
export class TryLiveFailoverEvent extends CustomEvent<TryLiveFailoverDetail> {
  static readonly eventName = 'try-live-failover';
  constructor(detail: TryLiveFailoverDetail) {
    super(TryLiveFailoverEvent.eventName, init(detail));
  }
}

/** The banner was dismissed. Cancelled, the banner stays and nothing is stored. */
export class DismissEvent extends CustomEvent<DismissDetail> {
  static readonly eventName = 'dismiss';
  constructor(detail: DismissDetail) {
    super(DismissEvent.eventName, init(detail));
  }
}

/** View details was pressed. Cancelled, the built-in dialog does not open: the host shows its own view. */
export class ViewDetailsEvent extends CustomEvent<ViewDetailsDetail> {
  static readonly eventName = 'view-details';
  constructor(detail: ViewDetailsDetail) {
    super(ViewDetailsEvent.eventName, init(detail));
  }
}

/** The events every widget may dispatch; they bubble to `document`, so it knows them too. */
export interface MkWidgetEventMap {
  'try-live-failover': TryLiveFailoverEvent;
  dismiss: DismissEvent;
  'view-details': ViewDetailsEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends MkWidgetEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends MkWidgetEventMap {}
}
