// A stand-in for the CloudStack UI: frames the plugin page, hands it the OMA token when it asks,
// and shows what the plugin sends (where the real UI would open its live-failover pre-flight dialog).
// See plugin.js for the messages.

const frame = document.querySelector('#plugin');
const log = document.querySelector('#log');
const action = document.querySelector('#action');
const vmSelect = document.querySelector('#vm');

// What the host knows: where the plugin lives (CloudStack's config.json `plugins[].path`) and the
// user's OMA token (from its own session). The example server answers this; a real UI has both.
const config = await (await fetch('host-config.json', { cache: 'no-store' })).json();
const pluginUrl = new URL(config.pluginUrl, location.href);
const pluginOrigin = pluginUrl.origin;

// The UI's language reaches the plugin as ?lang= (this stand-in takes its own ?lang=).
const lang = new URLSearchParams(location.search).get('lang');

function show(vmName) {
  const url = new URL(pluginUrl);
  url.searchParams.set('vm', vmName);
  if (lang) url.searchParams.set('lang', lang);
  frame.src = url.href;
}

function record(type, detail) {
  const item = document.createElement('li');
  item.dataset.type = type;
  item.dataset.detail = JSON.stringify(detail ?? null);
  item.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(detail ?? null)}`;
  log.append(item);
}

window.addEventListener('message', (event) => {
  // Only the plugin frame, from the plugin's origin.
  if (event.origin !== pluginOrigin || event.source !== frame.contentWindow) return;
  const { type, detail } = event.data ?? {};
  if (typeof type !== 'string' || !type.startsWith('mk-widgets:')) return;
  const name = type.slice('mk-widgets:'.length);
  record(name, detail);
  if (name === 'ready') {
    event.source.postMessage({ type: 'mk-widgets:token', token: config.omaToken ?? null }, event.origin);
  } else if (name === 'try-live-failover') {
    action.textContent = `Would open the live failover pre-flight dialog for ${detail?.vmName ?? 'the VM'} (from the ${detail?.source ?? 'plugin'}).`;
  } else if (name === 'dismiss') {
    action.textContent = `The failure notice of ${detail?.vmName ?? 'the VM'} was dismissed.`;
  }
});

const initialVm = new URLSearchParams(location.search).get('vm') ?? vmSelect.value;
if ([...vmSelect.options].some((option) => option.value === initialVm)) vmSelect.value = initialVm;
vmSelect.addEventListener('change', () => show(vmSelect.value));
show(vmSelect.value);
