/**
 * The demo host page: plays the part of the dashboard around the widgets (settings, a scenario
 * picker, and listeners that log what the widgets tell their host).
 */
import '../src/index.js';
import { DATA_ISSUE_EVENT, DISMISSAL_STORAGE_KEY, setWidgetLocale, type MkJobErrorModal } from '../src/index.js';

const widgets = () => document.querySelectorAll<HTMLElement>('mk-unified-job-list, mk-operation-error-banner, mk-job-error-modal, mk-vm-status');
const log = document.querySelector<HTMLOListElement>('#event-log')!;

function logEvent(name: string, detail: unknown): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()}  ${name}  ${JSON.stringify(detail)}`;
  log.prepend(item);
}

document.addEventListener('try-live-failover', (event) => logEvent('try-live-failover', event.detail));
document.addEventListener('dismiss', (event) => logEvent('dismiss', event.detail));
document.addEventListener('view-details', (event) => logEvent('view-details', event.detail));
window.addEventListener(DATA_ISSUE_EVENT, (event) => logEvent(DATA_ISSUE_EVENT, { kind: event.detail.kind, resource: event.detail.resource }));

const controls = document.querySelector<HTMLFormElement>('#controls')!;
controls.addEventListener('change', async () => {
  const data = new FormData(controls);
  await setWidgetLocale(String(data.get('locale')));
  document.documentElement.lang = String(data.get('locale'));
  const theme = String(data.get('theme'));
  document.documentElement.dataset.theme = theme;
  for (const widget of widgets()) {
    if (theme) widget.setAttribute('theme', theme);
    else widget.removeAttribute('theme');
    widget.toggleAttribute('admin', data.get('admin') === 'on');
  }
});

document.querySelector('#reset-dismissals')!.addEventListener('click', () => {
  localStorage.removeItem(DISMISSAL_STORAGE_KEY);
  location.reload();
});

const scenario = document.querySelector<HTMLSelectElement>('#scenario-vm')!;
scenario.addEventListener('change', () => {
  for (const id of ['#scenario-banner', '#scenario-list', '#scenario-modal']) {
    document.querySelector(id)!.setAttribute('vm-name', scenario.value);
  }
});

document.querySelector('#open-modal')!.addEventListener('click', () => {
  document.querySelector<MkJobErrorModal>('#scenario-modal')!.show();
});

declare const __MK_DEMO_OMA_URL__: string;
if (__MK_DEMO_OMA_URL__) {
  document.querySelector('#api-mode')!.textContent = `the OMA at ${__MK_DEMO_OMA_URL__} (through this server's proxy)`;
}

/** The VM table: 50 fleet VMs (fleet-0001 …), each status cell one <mk-vm-status>. */
const fleetRows = document.querySelector<HTMLTableSectionElement>('#fleet-rows')!;
for (let index = 1; index <= 50; index++) {
  const vmName = `fleet-${String(index).padStart(4, '0')}`;
  const row = fleetRows.insertRow();
  row.insertCell().textContent = vmName;
  const status = document.createElement('mk-vm-status');
  status.setAttribute('vm-name', vmName);
  row.insertCell().append(status);
}
