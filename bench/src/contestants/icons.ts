/** The element's inline SVG icons (src/elements/shared/icons.ts) as data, for the React and vanilla baselines. */
import type { StatusTone } from '../../../src/model/view/rules.js';
import type { OperationType } from '../../../src/model/operation.js';

export type Shape = readonly ['path' | 'circle' | 'rect', Readonly<Record<string, string>>];

export const TYPE_SHAPES: Record<OperationType, readonly Shape[]> = {
  replication: [
    ['path', { d: 'M21 12a9 9 0 0 1-15.5 6.2L3 16' }],
    ['path', { d: 'M3 21v-5h5' }],
    ['path', { d: 'M3 12a9 9 0 0 1 15.5-6.2L21 8' }],
    ['path', { d: 'M21 3v5h-5' }],
  ],
  test_failover: [
    ['path', { d: 'M9 3h6' }],
    ['path', { d: 'M10 3v6L4.5 18.5A1.7 1.7 0 0 0 6 21h12a1.7 1.7 0 0 0 1.5-2.5L14 9V3' }],
    ['path', { d: 'M7 15h10' }],
  ],
  live_failover: [['path', { d: 'M13 2 4 14h7l-1 8 9-12h-7z' }]],
  rollback: [
    ['path', { d: 'M9 14 4 9l5-5' }],
    ['path', { d: 'M4 9h10.5a5.5 5.5 0 0 1 0 11H11' }],
  ],
  other: [
    ['rect', { x: '8', y: '2', width: '8', height: '4', rx: '1' }],
    ['path', { d: 'M16 4h2a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h2' }],
  ],
};

export const STATUS_SHAPES: Record<StatusTone, readonly Shape[]> = {
  completed: [
    ['circle', { cx: '12', cy: '12', r: '9' }],
    ['path', { d: 'm8 12 3 3 5-6' }],
  ],
  failed: [
    ['circle', { cx: '12', cy: '12', r: '9' }],
    ['path', { d: 'm9 9 6 6M15 9l-6 6' }],
  ],
  running: [
    ['circle', { cx: '12', cy: '12', r: '9' }],
    ['path', { d: 'M12 7v5l3 2' }],
  ],
  neutral: [
    ['circle', { cx: '12', cy: '12', r: '9' }],
    ['path', { d: 'M8 12h8' }],
  ],
};

export const SVG_ATTRIBUTES: Readonly<Record<string, string>> = {
  class: 'icon',
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': '2',
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
  'aria-hidden': 'true',
  focusable: 'false',
};
