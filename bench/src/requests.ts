/**
 * Scenario 6: requests over one minute of fake time (sinon fake timers), counted at the fetch.
 *
 * - one VM, three widgets: `<mk-unified-job-list vm-name>`, `<mk-operation-error-banner vm-name>`
 *   and a closed `<mk-job-error-modal vm-name>`;
 * - ten VMs, ten widgets: one `<mk-unified-job-list vm-name>` each.
 *
 * Each with a job running (web01's data: polls every 5 s) and idle (pgtest1's: every 30 s), the page
 * visible and hidden (`document.hidden` overridden for the whole minute), widgets sharing one
 * provider's client, and for comparison one client per widget (no sharing).
 */
import sinon from 'sinon';
import '../../src/index.js';
import { OmaClient } from '../../src/api/client.js';
import { vmBodies } from './data.js';
import { memoryFetch, stage } from './lib.js';

let hidden = false;
Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });

export interface RequestCase {
  layout: 'one-vm' | 'ten-vms';
  data: 'active' | 'idle';
  visibility: 'visible' | 'hidden';
  sharing: 'provider' | 'per-widget';
}

export interface RequestResult extends RequestCase {
  widgets: number;
  requests: number;
  byRoute: Record<string, number>;
}

async function runCase(test: RequestCase): Promise<RequestResult> {
  const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  hidden = test.visibility === 'hidden';
  document.dispatchEvent(new Event('visibilitychange'));
  const names = test.layout === 'one-vm' ? ['vm01'] : Array.from({ length: 10 }, (_, i) => `vm${String(i + 1).padStart(2, '0')}`);
  const routes = new Map<string, string>();
  const now = new Date();
  for (const name of names) {
    const bodies = vmBodies(test.data, name, now);
    routes.set(`/api/v1/vm-contexts/${name}`, bodies.vmContext);
    routes.set(`/api/v1/vm-contexts/${bodies.contextId}/recent-jobs`, bodies.recentJobs);
  }
  const byRoute: Record<string, number> = {};
  let requests = 0;
  const fetch = memoryFetch(
    (path) => routes.get(path),
    (path) => {
      requests += 1;
      const route = path.endsWith('/recent-jobs') ? 'recent-jobs' : path.includes('/failover/') ? 'failover-status' : 'vm-context';
      byRoute[route] = (byRoute[route] ?? 0) + 1;
    },
  );

  const widgets: HTMLElement[] = [];
  for (const name of names) {
    const list = document.createElement('mk-unified-job-list');
    list.vmName = name;
    widgets.push(list);
    if (test.layout === 'one-vm') {
      const banner = document.createElement('mk-operation-error-banner');
      banner.vmName = name;
      const modal = document.createElement('mk-job-error-modal');
      modal.vmName = name;
      widgets.push(banner, modal);
    }
  }
  const container = stage();
  const providers: HTMLElement[] = [];
  if (test.sharing === 'provider') {
    const provider = document.createElement('mk-oma-provider');
    provider.client = new OmaClient({ fetch });
    provider.append(...widgets);
    providers.push(provider);
  } else {
    for (const widget of widgets) {
      const provider = document.createElement('mk-oma-provider');
      provider.client = new OmaClient({ fetch });
      provider.append(widget);
      providers.push(provider);
    }
  }
  container.append(...providers);
  await clock.tickAsync(60_000);
  const result: RequestResult = { ...test, widgets: widgets.length, requests, byRoute };
  container.replaceChildren();
  await clock.tickAsync(1_000);
  clock.uninstall();
  hidden = false;
  document.dispatchEvent(new Event('visibilitychange'));
  return result;
}

async function run(): Promise<RequestResult[]> {
  localStorage.clear();
  const results: RequestResult[] = [];
  for (const layout of ['one-vm', 'ten-vms'] as const) {
    for (const data of ['active', 'idle'] as const) {
      for (const visibility of ['visible', 'hidden'] as const) {
        results.push(await runCase({ layout, data, visibility, sharing: 'provider' }));
      }
      results.push(await runCase({ layout, data, visibility: 'visible', sharing: 'per-widget' }));
    }
  }
  return results;
}

window.bench = { run: run as (options: never) => Promise<unknown> };
