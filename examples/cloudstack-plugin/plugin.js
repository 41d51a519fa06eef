// The glue of the CloudStack plugin page (plugin.html): which VM to show, the OMA token, and the
// widgets' events forwarded to the CloudStack UI that frames this page. An external module (no
// inline script), so the page runs under a CSP without 'unsafe-inline'.
//
// Messages between this page and its parent window (always an object with a `type`):
//   plugin → parent  { type: 'mk-widgets:ready', detail: { vmName } }   "send me the token"
//   parent → plugin  { type: 'mk-widgets:token', token }                the OMA Bearer token (again when it changes)
//   plugin → parent  { type: 'mk-widgets:try-live-failover', detail }   Try Live Failover pressed (list, banner or modal)
//   plugin → parent  { type: 'mk-widgets:dismiss', detail }             the banner was dismissed
// `detail` is the event's detail: { contextId, vmName, jobId, operationType, source } or
// { contextId, vmName, jobId }.
import { setWidgetLocale } from './assets/mk-widgets.js';

/** How long the widgets wait for the parent's token before asking without one (and showing the 401). */
const TOKEN_WAIT_MS = 10_000;
const MESSAGE_PREFIX = 'mk-widgets:';

const params = new URLSearchParams(location.search);
const vmName = (params.get('vm') ?? '').trim();
const framed = window.parent !== window;
const parentOrigin = framed ? findParentOrigin() : null;

/**
 * The origin of the page that frames this one. Only origins allowed by the CSP `frame-ancestors`
 * can frame it, so this is the CloudStack UI: messages go there and nowhere else (never '*').
 */
function findParentOrigin() {
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length > 0 && ancestors[0] !== 'null') return ancestors[0];
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

function postToParent(type, detail) {
  const message = { type: MESSAGE_PREFIX + type, ...(detail === undefined ? {} : { detail }) };
  if (parentOrigin) window.parent.postMessage(message, parentOrigin);
  else console.info('[plugin] not framed by a known parent:', message);
}

// ---- the token: handed over by the parent, asked for again on every request -------------------

let token = null;
let tokenArrived = () => {};
const firstToken = new Promise((resolve) => {
  tokenArrived = resolve;
});
if (parentOrigin) setTimeout(() => tokenArrived(null), TOKEN_WAIT_MS);
else tokenArrived(null);

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || event.origin !== parentOrigin) return;
  const data = event.data;
  if (data && data.type === `${MESSAGE_PREFIX}token` && (typeof data.token === 'string' || data.token === null)) {
    token = data.token;
    tokenArrived(token);
  }
});

// ---- the widgets' events, forwarded ----------------------------------------------------------

document.addEventListener('try-live-failover', (event) => postToParent('try-live-failover', { ...event.detail }));
document.addEventListener('dismiss', (event) => postToParent('dismiss', { ...event.detail }));

// ---- configure the widgets -------------------------------------------------------------------

const lang = params.get('lang');
if (lang) await setWidgetLocale(lang);

await customElements.whenDefined('mk-oma-provider');
const provider = document.querySelector('mk-oma-provider');
// A function: called for every request, so a refreshed token from the parent is used at once.
provider.token = async () => token ?? (await firstToken);
await provider.updateComplete;

const theme = params.get('theme');
for (const widget of document.querySelectorAll('mk-operation-error-banner, mk-unified-job-list')) {
  if (theme === 'light' || theme === 'dark') widget.setAttribute('theme', theme);
  // Set last: the first request goes out with the token function in place.
  if (vmName) widget.setAttribute('vm-name', vmName);
}
if (!vmName) document.querySelector('.no-vm').hidden = false;

postToParent('ready', { vmName });
