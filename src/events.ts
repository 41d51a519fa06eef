/**
 * Public events of the widgets. All bubble and are composed, so a host can listen on the element
 * or on `document`. The widgets never start anything on the server: the host decides.
 */
import type { OperationType } from './model/operation.js';

/** Where a Try Live Failover button was pressed. */
export type ActionSource = 'list' | 'banner' | 'modal';

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

/** Every widget event bubbles and is composed. */
const init = <T>(detail: T): CustomEventInit<T> => ({ detail, bubbles: true, composed: true });

export class TryLiveFailoverEvent extends CustomEvent<TryLiveFailoverDetail> {
  static readonly eventName = 'try-live-failover';
  constructor(detail: TryLiveFailoverDetail) {
    super(TryLiveFailoverEvent.eventName, init(detail));
  }
}

export class DismissEvent extends CustomEvent<DismissDetail> {
  static readonly eventName = 'dismiss';
  constructor(detail: DismissDetail) {
    super(DismissEvent.eventName, init(detail));
  }
}

/** The events every widget may dispatch; they bubble to `document`, so it knows them too. */
export interface MkWidgetEventMap {
  'try-live-failover': TryLiveFailoverEvent;
  dismiss: DismissEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends MkWidgetEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends MkWidgetEventMap {}
}
