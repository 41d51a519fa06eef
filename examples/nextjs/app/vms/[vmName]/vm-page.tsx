'use client';
// A VM page shaped like the MigrateKit dashboard's: a main column and a 320 px right panel
// (`w-80 space-y-4`) with the banner and the list, one provider around the whole page, and the
// host's own pre-flight modal (flowbite-react's Modal) opened from onTryLiveFailover.
//
// The widgets' React wrappers use hooks and run custom elements, so they live in a client
// component. Importing mk-widgets/react is still safe during server rendering: the elements
// register only in the browser.
import { Alert, Button, Card, Modal } from 'flowbite-react';
import { useCallback, useEffect, useState } from 'react';
import {
  OmaProvider,
  OperationErrorBanner,
  UnifiedJobList,
  type EndpointTemplates,
  type RecentJobsResponse,
  type TryLiveFailoverDetail,
  type TryLiveFailoverEvent,
  type VmContextResponse,
} from 'mk-widgets/react';

/**
 * The dashboard's routes (app/api/…) as the widgets' endpoint templates. Its third route,
 * /api/failover/progress/{jobId}, reshapes the OMA's failover status body, so it is not given as
 * `failoverStatus`: the widgets read only the OMA's bodies.
 */
const ENDPOINTS: EndpointTemplates = {
  vmContext: '/api/vm-contexts/{vmName}',
  recentJobs: '/api/vm-contexts/{vmName}/recent-jobs',
  // The dashboard's /api/failover/progress/{jobId} reshapes the OMA's body: not usable, so not asked.
  failoverStatus: null,
};

/** How often the host polls in host-fed mode (the dashboard's react-query refetchInterval). */
const HOST_POLL_MS = 10_000;

/** The host's own reading of the VM, in host-fed mode: the same two routes, asked by the page. */
function useHostData(vmName: string, enabled: boolean) {
  const [vmContext, setVmContext] = useState<VmContextResponse>();
  const [recentJobs, setRecentJobs] = useState<RecentJobsResponse>();
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const name = encodeURIComponent(vmName);
    // The header only lets the example's test tell the page's requests from the widgets'.
    const get = async (url: string) => {
      const response = await fetch(url, { signal: controller.signal, headers: { 'x-mk-example': 'host-fetch' } });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.json();
    };
    const load = () => {
      get(`/api/vm-contexts/${name}`).then(setVmContext, () => undefined);
      get(`/api/vm-contexts/${name}/recent-jobs`).then(setRecentJobs, () => undefined);
    };
    load();
    const timer = setInterval(load, HOST_POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [vmName, enabled]);
  return { vmContext, recentJobs };
}

export function VmPage({ vmName, hostFed, admin }: { vmName: string; hostFed: boolean; admin: boolean }) {
  // What the host keeps: the last Try Live Failover request (the widgets never start a failover).
  const [preflight, setPreflight] = useState<TryLiveFailoverDetail | null>(null);
  const [started, setStarted] = useState<TryLiveFailoverDetail | null>(null);
  const { vmContext, recentJobs } = useHostData(vmName, hostFed);

  // Not cancelled: a details dialog the request came from closes, so this modal is on top.
  const onTryLiveFailover = useCallback((event: TryLiveFailoverEvent) => setPreflight(event.detail), []);
  const closePreflight = useCallback(() => setPreflight(null), []);
  const start = useCallback(() => {
    setStarted(preflight);
    setPreflight(null);
  }, [preflight]);

  // Host-fed: the widgets get the bodies as props and ask nothing. A widget without the prop would
  // fetch, so they are rendered once the page has both answers.
  const fed = hostFed ? { vmContext, recentJobs } : {};
  const showWidgets = !hostFed || (vmContext !== undefined && recentJobs !== undefined);

  return (
    <OmaProvider endpoints={ENDPOINTS}>
      <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
        <main className="min-w-0 flex-1 space-y-4">
          <h1 className="text-2xl font-semibold" data-testid="vm-title">
            VM {vmName}
          </h1>
          {started && (
            <Alert color="info" onDismiss={() => setStarted(null)} data-testid="started">
              Live failover of {started.vmName ?? vmName} confirmed (from the {started.source}). Here the dashboard would start it.
            </Alert>
          )}
          <Card>
            <h2 className="text-lg font-semibold">Overview</h2>
            <p className="text-sm text-gray-500 dark:text-gray-400">
              The dashboard&apos;s VM details (disks, CBT history, networks) go in this column. The panel on the right holds
              the widgets: the last failure and the recent operations{hostFed ? ', from data this page fetched itself' : ''}.
            </p>
          </Card>
        </main>

        <aside className="w-80 shrink-0 space-y-4" data-testid="panel">
          <Card data-testid="panel-card">
            <h2 className="text-sm font-semibold uppercase text-gray-500 dark:text-gray-400">Migration</h2>
            <p className="text-sm">{vmName}</p>
          </Card>
          {showWidgets && (
            <>
              <OperationErrorBanner vmName={vmName} admin={admin} {...fed} onTryLiveFailover={onTryLiveFailover} />
              <UnifiedJobList vmName={vmName} admin={admin} {...fed} onTryLiveFailover={onTryLiveFailover} />
            </>
          )}
        </aside>
      </div>

      <Modal show={preflight !== null} onClose={closePreflight} size="md" data-testid="preflight">
        <Modal.Header>Pre-flight: live failover of {preflight?.vmName ?? vmName}</Modal.Header>
        <Modal.Body>
          <div className="space-y-3 text-sm">
            <p>
              Here the dashboard checks the target and asks for confirmation. Asked from the{' '}
              <span data-testid="preflight-source">{preflight?.source}</span>.
            </p>
            <code className="block break-all text-xs text-gray-500 dark:text-gray-400" data-testid="preflight-detail">
              {JSON.stringify(preflight)}
            </code>
          </div>
        </Modal.Body>
        <Modal.Footer>
          <Button onClick={start} data-testid="preflight-start">
            Start live failover
          </Button>
          <Button color="gray" onClick={closePreflight} data-testid="preflight-cancel">
            Cancel
          </Button>
        </Modal.Footer>
      </Modal>
    </OmaProvider>
  );
}
