import { css } from 'lit';

/**
 * Narrow containers (a 320 px side panel) and `density="compact"`: a failure folds to its title,
 * status and issue; "What you can do" opens the rest (advice, details, actions). `.folded` folds a
 * row the same way anywhere (a banner on the page already shows that failure in full).
 * Each element's host is the `mk` container (`container: mk / inline-size`).
 */
export const collapseStyles = css`
  .more-toggle {
    display: none;
    justify-self: start;
    align-items: center;
    gap: 0.3em;
  }
  .more-toggle::after {
    content: '';
    width: 0.45em;
    height: 0.45em;
    border: solid currentColor;
    border-width: 0 2px 2px 0;
    transform: rotate(45deg) translateY(-0.15em);
  }
  .more-toggle[aria-expanded='true']::after {
    transform: rotate(-135deg) translateY(-0.1em);
  }
  .folded .more-toggle,
  .compact .more-toggle {
    display: inline-flex;
  }
  .folded:not(.expanded) .more,
  .compact:not(.expanded) > .more,
  .compact :not(.expanded) > .more {
    display: none;
  }
  /* Folded, the spacing tightens too: two thirds of the host's. */
  .compact {
    --_space: calc(var(--mk-space, 0.75rem) * 2 / 3);
  }
  @container mk (max-width: 399px) {
    .list,
    .banner {
      --_space: calc(var(--mk-space, 0.75rem) * 2 / 3);
    }
    .more-toggle {
      display: inline-flex;
    }
    :not(.expanded) > .more {
      display: none;
    }
  }
  :host([density='comfortable']) .more-toggle {
    display: none;
  }
  :host([density='comfortable']) :is(.list, .banner) {
    --_space: var(--mk-space, 0.75rem);
  }
  :host([density='comfortable']) div.more {
    display: grid;
  }
  :host([density='comfortable']) p.more {
    display: block;
  }
  div.more {
    display: grid;
    gap: 0.35rem;
  }
`;
