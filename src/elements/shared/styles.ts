/** Design tokens and the pieces every widget shares (buttons, status colours, focus, motion). */
import { css, unsafeCSS } from 'lit';

/**
 * Colours as [name, light, dark]: each is read as `--_<name>` and themed through `--mk-color-<name>`.
 */
const COLORS = [
  ['surface', '#fff', '#16191d'],
  ['surface-raised', '#f6f8fa', '#1f2328'],
  ['text', '#1f2328', '#e6edf3'],
  ['muted', '#57606a', '#9da7b3'],
  ['border', '#d0d7de', '#3d444d'],
  ['completed', '#1a7f37', '#3fb950'],
  ['failed', '#c9252d', '#ff7b72'],
  ['running', '#0969da', '#58a6ff'],
  ['neutral', '#59636e', '#9198a1'],
  ['critical', '#a40e26', '#ffa198'],
  ['failed-surface', '#fff5f5', '#2d1618'],
  ['critical-surface', '#ffe5e8', '#3c1519'],
  ['accent', '#0969da', '#58a6ff'],
  ['accent-text', '#fff', '#0d1117'],
  ['focus', '#0969da', '#58a6ff'],
] as const;

const colorTokens = unsafeCSS(
  COLORS.map(([name, light, dark]) => `--_${name}: var(--mk-color-${name}, light-dark(${light}, ${dark}));`).join('\n'),
);

export const tokens = css`
  /*
   * Light or dark: the page's own color-scheme, inherited (a host whose html.dark sets
   * color-scheme: dark gets dark widgets), unless --mk-color-scheme names one. An unset
   * --mk-color-scheme makes the declaration invalid, and color-scheme then inherits. Under a dark
   * OS setting the widgets are dark unless the page sets --mk-color-scheme: a page declaring
   * nothing cannot be told from one declaring light, so a page with its own light mode says so.
   */
  :host {
    color-scheme: var(--mk-color-scheme);
    --_font: var(--mk-font-family, inherit);
    --_size: var(--mk-font-size, 0.875rem);
    --_radius: var(--mk-radius, 8px);
    --_space: var(--mk-space, 0.75rem);
    ${colorTokens}
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.45;
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      color-scheme: var(--mk-color-scheme, light dark);
    }
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none !important;
  }
  * {
    box-sizing: border-box;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    border: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border-radius: calc(var(--_radius) * 0.75);
    border: 1px solid var(--_border);
    background: var(--_surface);
    padding: 0.35em 0.85em;
    min-height: 2rem;
  }
  button:hover {
    background: var(--_surface-raised);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  button.primary:hover {
    filter: brightness(1.08);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .tone-completed {
    --_tone: var(--_completed);
  }
  .tone-failed {
    --_tone: var(--_failed);
  }
  .tone-running {
    --_tone: var(--_running);
  }
  .tone-neutral {
    --_tone: var(--_neutral);
  }
  .icon {
    width: 1.1em;
    height: 1.1em;
    flex: none;
    vertical-align: -0.2em;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    color: var(--_tone);
    font-weight: 600;
    white-space: nowrap;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .issue-label {
    font-weight: 600;
  }
  .steps {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }
  .meta {
    color: var(--_muted);
  }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;

/** The relative time with its absolute tooltip (see `timeStamp()`). */
export const timeStyles = css`
  .when {
    position: relative;
    color: var(--_muted);
    white-space: nowrap;
    border-radius: 4px;
  }
  .tooltip {
    display: none;
    position: absolute;
    inset-block-start: calc(100% + 4px);
    inset-inline-end: 0;
    z-index: 1;
    padding: 0.25rem 0.5rem;
    border-radius: 4px;
    background: var(--_text);
    color: var(--_surface);
    font-size: 0.85em;
  }
  .when:is(:hover, :focus-visible) .tooltip {
    display: block;
  }
`;

/** The copy-by-hand text of "Copy details for support", and the job id (one click selects it whole). */
export const copyStyles = css`
  .copy-text {
    box-sizing: border-box;
    width: 100%;
    font: 0.85em ui-monospace, monospace;
    resize: vertical;
  }
  code {
    font-family: ui-monospace, monospace;
    user-select: all;
  }
`;
