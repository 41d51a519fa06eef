import { css } from 'lit';

// One line that truncates; the popover is anchored under the line (fixed, in the top layer with the
// Popover API, absolutely positioned under the host without it).
export const vmStatusStyles = css`
  :host {
    display: inline-block;
    position: relative;
    max-width: 100%;
    min-width: 0;
    vertical-align: middle;
  }
  .line {
    display: flex;
    align-items: center;
    gap: 0.35em;
    max-width: 100%;
    min-width: 0;
    color: var(--_tone);
    white-space: nowrap;
  }
  .text {
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--_text);
  }
  .tone-failed .text {
    color: var(--_tone);
    font-weight: 600;
  }
  .critical {
    --_tone: var(--_critical);
  }
  button.line {
    min-height: 0;
    padding: 0.1em 0.35em;
    margin-inline-start: -0.35em;
    border-color: transparent;
    background: transparent;
    text-align: start;
    font-weight: inherit;
  }
  button.line:hover {
    background: var(--_failed-surface);
  }
  button.line .text {
    text-decoration: underline dotted;
    text-underline-offset: 0.2em;
  }
  .loading {
    color: var(--_muted);
  }
  .popover {
    margin: 0;
    inset: auto;
    width: min(22rem, calc(100vw - 16px));
    max-height: min(28rem, calc(100vh - 16px));
    overflow: auto;
    padding: var(--_space);
    display: grid;
    gap: 0.4rem;
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_failed);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
    white-space: normal;
  }
  .popover.critical {
    border-inline-start-color: var(--_critical);
  }
  .popover:focus {
    outline: none;
  }
  .popover:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .popover[popover]:not(:popover-open) {
    display: none;
  }
  .popover.anchored-below {
    position: absolute;
    inset-block-start: calc(100% + 4px);
    inset-inline-start: 0;
    z-index: 10;
  }
  .popover p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .summary {
    font-weight: 600;
    color: var(--_failed);
  }
  .critical .summary {
    color: var(--_critical);
  }
  .badge {
    display: inline-block;
    margin-inline-end: 0.4em;
    font-size: 0.8em;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    padding: 0 0.5em;
    border-radius: 999px;
    border: 1px solid;
  }
`;
