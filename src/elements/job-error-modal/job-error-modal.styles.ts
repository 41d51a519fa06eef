import { css } from 'lit';

/*
 * The colours, buttons, `.meta`, `.status` and the footer's `.actions` layout come from `tokens`.
 * - `dialog[open]`: an author `display` would override the browser's `display: none` of a closed dialog.
 * - Only `.body` scrolls; its borders set it off from the header and the footer.
 * - The technical rows are wrapped in a `<div>` like the facts; `display: contents` still puts dt
 *   and dd in the two columns.
 */
export const modalStyles = css`
  :host {
    display: contents;
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
    width: min(40rem, calc(100vw - 1.5rem));
    max-height: calc(100dvh - 1.5rem);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.3);
  }
  dialog::backdrop {
    background: rgb(15 20 25 / 0.55);
  }
  dialog > * {
    padding: var(--_space) calc(var(--_space) * 1.33);
  }
  .header {
    display: flex;
    gap: 0.6rem;
    align-items: flex-start;
  }
  .header > svg {
    color: var(--_tone);
    font-size: 1.4em;
  }
  h2 {
    font-size: 1.15em;
  }
  h2,
  p,
  dl,
  dd,
  ol {
    margin: 0;
  }
  .body {
    overflow: auto;
    overflow-wrap: anywhere;
    display: grid;
    gap: var(--_space);
    border-block: 1px solid var(--_border);
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: 0.5rem 1rem;
  }
  dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .track {
    display: flex;
    gap: 4px;
    padding: 0;
    list-style: none;
  }
  .track li {
    flex: 1;
    height: 6px;
    border-radius: 3px;
    background: var(--_border);
  }
  .track .done {
    background: var(--_completed);
  }
  .track .failed {
    background: var(--_failed);
  }
  .severity-critical {
    color: var(--_critical);
    font-weight: 700;
  }
  details {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    padding: 0.5rem 0.75rem;
  }
  summary {
    cursor: pointer;
    font-weight: 600;
  }
  details dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 0.75rem;
    margin-top: 0.5rem;
  }
  details div {
    display: contents;
  }
  details dd {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 0.85em;
    white-space: pre-wrap;
  }
  .footer {
    justify-content: flex-end;
  }
  .support {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .reference,
  .copy-text {
    flex-basis: 100%;
  }
`;
