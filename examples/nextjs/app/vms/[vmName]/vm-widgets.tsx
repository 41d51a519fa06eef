'use client';
// The widgets' React wrappers use hooks and run custom elements, so they live in a client
// component. Importing mk-widgets/react is still safe during server rendering: the elements
// register only in the browser.
import { useCallback, useState } from 'react';
import {
  JobErrorModal,
  OperationErrorBanner,
  UnifiedJobList,
  type DismissEvent,
  type TryLiveFailoverDetail,
  type TryLiveFailoverEvent,
} from 'mk-widgets/react';

export function VmWidgets({ vmName }: { vmName: string }) {
  // What the host keeps: the last Try Live Failover request (the widgets never start a failover),
  // whether the host's own details view is open, and the last dismissal.
  const [preflight, setPreflight] = useState<TryLiveFailoverDetail | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [dismissed, setDismissed] = useState(false);

  const onTryLiveFailover = useCallback((event: TryLiveFailoverEvent) => {
    setDetailsOpen(false);
    setPreflight(event.detail);
  }, []);
  const onDismiss = useCallback((_event: DismissEvent) => setDismissed(true), []);
  const onDetailsClose = useCallback(() => setDetailsOpen(false), []);

  return (
    <>
      <OperationErrorBanner vmName={vmName} onTryLiveFailover={onTryLiveFailover} onDismiss={onDismiss} />

      {preflight && (
        <section className="preflight" aria-live="polite" data-testid="preflight">
          <h2>
            Pre-flight for live failover: <span data-testid="preflight-vm">{preflight.vmName ?? vmName}</span> (from{' '}
            <span data-testid="preflight-source">{preflight.source}</span>)
          </h2>
          <p>
            Here the dashboard would check the target and ask for confirmation. Request:{' '}
            <code data-testid="preflight-detail">{JSON.stringify(preflight)}</code>
          </p>
          <button type="button" onClick={() => setPreflight(null)}>
            Cancel
          </button>
        </section>
      )}

      <div className="toolbar">
        <button type="button" onClick={() => setDetailsOpen(true)} data-testid="open-details">
          Last operation details
        </button>{' '}
        {dismissed && <span data-testid="dismissed">Banner dismissed in this browser.</span>}
      </div>

      <UnifiedJobList vmName={vmName} onTryLiveFailover={onTryLiveFailover} />

      {/* The host's own details view: the banner and the list open their modal themselves. */}
      <JobErrorModal vmName={vmName} open={detailsOpen} onClose={onDetailsClose} onTryLiveFailover={onTryLiveFailover} />
    </>
  );
}
