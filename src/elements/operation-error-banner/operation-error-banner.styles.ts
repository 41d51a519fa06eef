import { css } from 'lit';

// --_alert is the failure colour of border and heading: red, or the critical colour.
export const bannerStyles = css`
  :host {
    display: block;
    container: mk / inline-size;
  }
  .banner {
    --_alert: var(--_failed);
    display: grid;
    gap: 0.4rem;
    padding: var(--_space);
    border: 1px solid var(--_alert);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: var(--_failed-surface);
  }
  .critical {
    --_alert: var(--_critical);
    border-width: 2px 2px 2px 6px;
    background: var(--_critical-surface);
  }
  .head {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    flex-wrap: wrap;
    color: var(--_alert);
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
  }
  .badge {
    font-size: 0.8em;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    padding: 0.1em 0.5em;
    border-radius: 999px;
    border: 1px solid;
  }
  p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .summary {
    font-weight: 600;
  }
  .actions {
    margin-block-start: 0.35rem;
  }
  /* The buttons behind "What you can do" sit in the action bar: the bar's own layout places them. */
  .more-actions {
    display: contents;
  }
  .compact:not(.expanded) .more-actions {
    display: none;
  }
  @container mk (max-width: 399px) {
    .banner:not(.expanded) .more-actions {
      display: none;
    }
  }
  :host([density='comfortable']) .more-actions {
    display: contents;
  }
  /* Outside the alert, so a copy is announced politely and the alert is not read again. */
  .copy {
    display: grid;
    gap: 0.4rem;
    margin-block-start: 0.4rem;
  }
`;
