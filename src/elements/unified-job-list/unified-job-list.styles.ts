import { css } from 'lit';

// The skeleton's spans are grid items, so they are blocks without saying so.
export const listStyles = css`
  :host {
    display: block;
    min-width: 0;
    container: mk / inline-size;
  }
  .list {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  header, .row, .skeleton {
    padding: var(--_space);
  }
  header, .row, .skeleton, .stale {
    border-block-end: 1px solid var(--_border);
  }
  header {
    display: flex;
    align-items: center;
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
    font-weight: 600;
  }
  ul.rows {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .row {
    display: grid;
    gap: 0.35rem;
  }
  .row:last-child {
    border-block-end: 0;
  }
  .row.tone-failed {
    background: var(--_failed-surface);
    box-shadow: inset 3px 0 0 var(--_failed);
  }
  .row-main {
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .type {
    color: var(--_muted);
    align-self: center;
    display: inline-flex;
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.6rem;
    flex: 1 1 12rem;
    min-width: 0;
  }
  .name {
    font-weight: 600;
  }
  .name, .row p {
    overflow-wrap: anywhere;
  }
  .row p {
    margin: 0;
  }
  .progress {
    display: grid;
    gap: 0.2rem;
  }
  progress {
    width: 100%;
    height: 0.5rem;
    accent-color: var(--_running);
  }
  .empty, .problem {
    padding: calc(var(--_space) * 1.5) var(--_space);
    margin: 0;
    color: var(--_muted);
    text-align: center;
  }
  .problem {
    display: grid;
    justify-items: center;
    gap: 0.5rem;
    color: var(--_text);
  }
  .stale {
    display: flex;
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
    gap: 0.5rem;
    padding: 0.4rem var(--_space);
    background: var(--_surface-raised);
    color: var(--_muted);
  }
  .skeleton {
    display: grid;
    gap: 0.5rem;
  }
  .skeleton span {
    height: 0.8rem;
    border-radius: 4px;
    background: var(--_surface-raised);
    animation: pulse 1.4s ease-in-out infinite;
  }
  .skeleton span:first-child {
    width: 55%;
    height: 1rem;
  }
  .skeleton span:last-child {
    width: 35%;
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }
`;
