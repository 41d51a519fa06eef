import { css } from 'lit';

export const modalStyles = css`
  :host {
    display: contents;
  }
  dialog {
    width: min(40rem, calc(100vw - 1.5rem));
    max-height: calc(100dvh - 1.5rem);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.3);
  }
  dialog::backdrop {
    background: rgb(15 20 25 / 0.55);
  }
  .frame {
    display: flex;
    flex-direction: column;
    max-height: calc(100dvh - 1.5rem);
  }
  .header {
    display: flex;
    gap: 0.6rem;
    align-items: flex-start;
    padding: var(--_space) calc(var(--_space) * 1.33);
    border-block-end: 1px solid var(--_border);
  }
  .header .status-icon {
    color: var(--_tone);
    font-size: 1.4em;
    display: inline-flex;
  }
  h2 {
    margin: 0;
    font-size: 1.15em;
  }
  .vm {
    margin: 0;
    color: var(--_muted);
  }
  .body {
    overflow: auto;
    padding: var(--_space) calc(var(--_space) * 1.33);
    display: grid;
    gap: var(--_space);
  }
  .body p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  dl.facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: 0.5rem 1rem;
    margin: 0;
  }
  dl.facts div {
    min-width: 0;
  }
  dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .track {
    display: flex;
    gap: 4px;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .track li {
    flex: 1;
    height: 6px;
    border-radius: 3px;
    background: var(--_border);
  }
  .track li.done {
    background: var(--_completed);
  }
  .track li.failed {
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
    margin: 0.5rem 0 0;
  }
  details dd {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 0.85em;
    white-space: pre-wrap;
  }
  .footer {
    display: flex;
    justify-content: flex-end;
    flex-wrap: wrap;
    gap: 0.5rem;
    padding: var(--_space) calc(var(--_space) * 1.33);
    border-block-start: 1px solid var(--_border);
  }
  .loading,
  .problem {
    color: var(--_muted);
  }
`;
