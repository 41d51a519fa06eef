/** The live region and the copy-by-hand text of "Copy details for support" (the dialog's and the banner's). */
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { CopyState } from '../../controllers/copy-controller.js';
import { copyAnnouncement } from '../../model/view/support-view.js';

/** Says politely what the last copy did; rendered empty beforehand, so assistive technology hears the change. */
export function copyStatus(state: CopyState | undefined) {
  return html`<p class="copy-status meta" role="status">${state ? copyAnnouncement(state.what, state.copied) : ''}</p>`;
}

/** Where the clipboard refused: the text, read-only, for the user to copy by hand (the controller selects it). */
export function copyFallback(state: CopyState | undefined) {
  if (!state || state.copied) return nothing;
  const rows = Math.min(state.text.split('\n').length, 12);
  return html`<textarea class="copy-text" readonly rows=${rows} aria-label=${msg('Text to copy')} .value=${state.text}></textarea>`;
}
