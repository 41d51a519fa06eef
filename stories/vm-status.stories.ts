import { html, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { OmaClient } from '../src/api/client.js';
import type { VmContextsResponse } from '../src/api/wire.js';
import { VM_STATES } from '../src/model/view/vm-status-view.js';
import { createMockFetch } from '../mock-oma/handler.js';
import { contextIdFor, type RawOperationSummary } from '../mock-oma/fixtures.js';
import { fleetVmName } from '../mock-oma/fleet.js';
import { EPOCH, fixtureLastOperation } from './support/mocks.js';
import { findInShadow } from './support/play.js';

const TAG = 'mk-vm-status';
const MINUTE = 60_000;

/**
 * The stories feed the element in the ways a host can: a VM list handed to the provider
 * (`vmContexts`, no request at all), or a client whose fetch is the mock OMA itself (the same
 * handler MSW and the tests use), for the loading state, the missing list and the fleet.
 */
const meta = {
  title: 'Widgets/VM status',
  component: TAG,
  parameters: { layout: 'padded' },
} satisfies Meta;

export default meta;
type Story = StoryObj;

const ago = (minutes: number) => new Date(EPOCH.getTime() - minutes * MINUTE).toISOString();

interface Row {
  vmName: string;
  status: string;
  summary?: RawOperationSummary;
}

function listBody(rows: Row[]): VmContextsResponse {
  return {
    vm_contexts: rows.map((row) => ({
      context_id: contextIdFor(row.vmName),
      vm_name: row.vmName,
      current_status: row.status,
      last_operation_summary: row.summary ? JSON.stringify(row.summary) : null,
    })),
    count: rows.length,
  };
}

/** A small VM table: name and status, the status cell 160 px wide as in a dashboard. */
function table(names: string[], caption: string): TemplateResult {
  return html`<table style="border-collapse:collapse;font:0.875rem/1.4 system-ui,sans-serif;">
    <caption style="text-align:start;font-weight:600;padding-block-end:0.5rem;">${caption}</caption>
    <thead>
      <tr>
        <th scope="col" style="text-align:start;padding:0.25rem 0.75rem 0.25rem 0;">VM</th>
        <th scope="col" style="text-align:start;padding:0.25rem 0;width:160px;">Status</th>
      </tr>
    </thead>
    <tbody>
      ${names.map(
        (name) =>
          html`<tr style="border-block-start:1px solid #d0d7de;">
            <td style="padding:0.25rem 0.75rem 0.25rem 0;">${name}</td>
            <td style="padding:0.25rem 0;width:160px;max-width:160px;"><mk-vm-status vm-name=${name} style="width:160px"></mk-vm-status></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Rows handed to the provider as the server's list body: nothing is requested. */
function hostFed(rows: Row[], caption: string): TemplateResult {
  return html`<mk-oma-provider .vmContexts=${listBody(rows)}>${table(
    rows.map((row) => row.vmName),
    caption,
  )}</mk-oma-provider>`;
}

/** Rows answered by the mock OMA through a client of their own. */
function mocked(client: OmaClient, names: string[], caption: string): TemplateResult {
  return html`<mk-oma-provider .client=${client}>${table(names, caption)}</mk-oma-provider>`;
}

const failedTestFailover = (): RawOperationSummary => ({ ...fixtureLastOperation('pgtest1'), timestamp: ago(3) });

/** Every `current_status` the OMA knows, plus a word it does not (title-cased, neutral). */
export const EveryState: Story = {
  render: () =>
    hostFed(
      [...VM_STATES.map((status) => ({ vmName: `vm-${status.replaceAll('_', '-')}`, status })), { vmName: 'vm-other-word', status: 'paused_by_user' }],
      'Each current_status, no last operation',
    ),
  play: async ({ canvasElement }) => {
    await findInShadow(canvasElement, TAG, '[part~="base"]');
  },
};

/** Each outcome of the last operation on a VM ready for failover. */
export const EveryOutcome: Story = {
  render: () =>
    hostFed(
      ['completed', 'failed', 'running', 'pending', 'cancelled', 'skipped'].map((status) => ({
        vmName: `vm-last-${status}`,
        status: status === 'failed' ? 'failed' : 'ready_for_failover',
        summary: { ...failedTestFailover(), job_id: `sb-vm-status-${status}`, status, timestamp: ago(status === 'running' ? 1 : 125) },
      })),
      'Each last-operation outcome',
    ),
};

/** "Test failover failed · 3 min. ago": a button that opens the details (opened here). */
export const FailedWithPopover: Story = {
  render: () => hostFed([{ vmName: 'pgtest1', status: 'failed', summary: failedTestFailover() }], 'A failed test failover'),
  play: async ({ canvasElement }) => {
    const button = await findInShadow<HTMLButtonElement>(canvasElement, TAG, 'button[part~="base"]');
    await userEvent.click(button);
    const popover = await findInShadow(canvasElement, TAG, '[part~="popover"]');
    await waitFor(() => expect(popover.textContent).toContain('What you can do'));
  },
};

/** A critical failure: said on the line, and never Try Live Failover. */
export const Critical: Story = {
  render: () => hostFed([{ vmName: 'pgtest3', status: 'failed', summary: { ...fixtureLastOperation('pgtest3'), timestamp: ago(42) } }], 'A critical failure'),
};

/** A regressed server leaks virtio, paths and SQL: the guard shows plain words only (state word included). */
export const LeakedTechnicalText: Story = {
  render: () =>
    hostFed(
      [{ vmName: 'leaky01', status: 'virt-v2v_failed', summary: { ...fixtureLastOperation('leaky01'), timestamp: ago(7) } }],
      'Leaked technical text, guarded',
    ),
};

/** Before the list answers (this one never does). */
export const Loading: Story = {
  tags: ['loading-state'],
  render: () => mocked(new OmaClient({ fetch: (() => new Promise<Response>(() => undefined)) as typeof fetch }), ['pgtest1', 'db02'], 'Loading'),
};

/**
 * The host does not expose `GET /vm-contexts` (404): one console warning, then each VM's own
 * context is asked for, at most 6 requests at a time.
 */
export const ListEndpointMissing: Story = {
  render: () =>
    mocked(
      new OmaClient({ fetch: createMockFetch(), endpoints: { vmContexts: '/not-exposed/vm-contexts' } }),
      ['pgtest1', 'db02', 'web01', 'empty01', 'pgtest3', ...Array.from({ length: 10 }, (_, index) => fleetVmName(index))],
      'List endpoint missing: per-VM fallback',
    ),
  play: async ({ canvasElement }) => {
    await findInShadow(canvasElement, TAG, '[part~="base"]:not(.loading)');
  },
};

/** 500 VMs from the mock's fleet (`?fleet=500`): one request for the whole table. */
export const FleetOf500: Story = {
  render: () =>
    mocked(
      new OmaClient({ fetch: createMockFetch(), endpoints: { vmContexts: '/api/v1/vm-contexts?fleet=500' } }),
      Array.from({ length: 500 }, (_, index) => fleetVmName(index)),
      '500 VMs, one request',
    ),
};

/** The scenario VMs of the mock OMA, from its VM list. */
export const ScenarioVms: Story = {
  render: () =>
    mocked(new OmaClient({ fetch: createMockFetch() }), ['pgtest1', 'pgtest3', 'web01', 'db02', 'empty01', 'quirks01', 'many20', 'leaky01'], 'Mock OMA scenarios'),
};

/** Dark theme. */
export const Dark: Story = {
  render: () =>
    html`<div style="background:#0d1117;color:#e6edf3;padding:1rem;color-scheme:dark;">
      ${hostFed([{ vmName: 'pgtest1', status: 'failed', summary: failedTestFailover() }, { vmName: 'db02', status: 'ready_for_failover' }], 'Dark')}
    </div>`,
};
