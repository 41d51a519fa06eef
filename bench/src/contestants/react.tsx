/**
 * The baseline a dashboard team would write instead: a React 19 job list with the same rows and
 * markup as `<mk-unified-job-list>` (docs/widgets.md), written the way React users write it:
 *
 * - production build of react-dom (bench/vite.config.ts), automatic JSX runtime;
 * - a keyed list of `memo` rows, callbacks through `useCallback`, the clock in state that ticks
 *   every 15 s (so `now` does not break the rows' memo);
 * - poll answers go through structural sharing (`replaceEqualDeep`, TanStack Query's default),
 *   so unchanged rows keep their object and their memo holds. Dates compare by value here,
 *   which is kinder to React than a query cache of raw JSON would be.
 *
 * It renders into the light DOM with the element's own CSS added to the document once, untimed.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { msg } from '@lit/localize';
import type { Operation, OperationType, RecentJobs } from '../../../src/model/operation.js';
import type { StatusTone } from '../../../src/model/view/rules.js';
import { announce, rowView } from './row-view.js';
import { STATUS_SHAPES, TYPE_SHAPES, type Shape } from './icons.js';
import type { Contestant } from './types.js';

const TICK_MS = 15_000;

function Icon({ shapes }: { shapes: readonly Shape[] }): ReactElement {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {shapes.map(([Tag, attributes], index) => (
        <Tag key={index} {...attributes} />
      ))}
    </svg>
  );
}

const TypeIcon = memo(function TypeIcon({ type }: { type: OperationType }) {
  return <Icon shapes={TYPE_SHAPES[type]} />;
});

const StatusIcon = memo(function StatusIcon({ tone }: { tone: StatusTone }) {
  return <Icon shapes={STATUS_SHAPES[tone]} />;
});

interface RowProps {
  operation: Operation;
  now: number;
  onDetails: (operation: Operation) => void;
  onTryLiveFailover: (operation: Operation) => void;
}

const JobRow = memo(function JobRow({ operation, now, onDetails, onTryLiveFailover }: RowProps) {
  const view = rowView(operation, now);
  const advice =
    view.steps.length > 0 ? (
      <div className="advice" part="advice">
        <span className="issue-label">{msg('What you can do:')}</span>
        <ul className="steps">
          {view.steps.map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ul>
      </div>
    ) : null;
  const meta = view.meta ? <p className="meta">{view.meta}</p> : null;
  return (
    <li className={`row tone-${view.tone}`} part={view.failed ? 'row row-failed' : 'row'}>
      <div className="row-main">
        <span className="type">
          <TypeIcon type={view.type} />
        </span>
        <div className="title">
          <span className="name">{view.title}</span>
          <span className={`status tone-${view.tone}`} part="status">
            <StatusIcon tone={view.tone} />
            {view.status}
          </span>
        </div>
        {view.when ? (
          <time className="when" dateTime={view.when.iso} title={view.when.absolute} tabIndex={0}>
            <span aria-hidden="true">{view.when.relative}</span>
            <span className="visually-hidden">{view.when.absolute}</span>
            <span className="tooltip" aria-hidden="true">
              {view.when.absolute}
            </span>
          </time>
        ) : null}
      </div>
      {view.progress ? (
        <div className="progress">
          <progress max={100} value={view.progress.value} aria-label={view.progress.label} />
          {view.progress.step ? <span className="meta">{view.progress.step}</span> : null}
        </div>
      ) : null}
      {view.issue !== undefined ? (
        <p className="issue" part="issue">
          <span className="issue-label">{msg('Issue:')}</span> {view.issue}
        </p>
      ) : null}
      {view.failed ? (
        // The element's fold: "What you can do" toggles the rest in a narrow container; CSS shows it open in a wide one.
        <>
          <button className="more-toggle" aria-expanded="false" aria-controls={`more-${operation.jobId}`}>
            {msg('What you can do')}
            <span className="visually-hidden">: {view.title}</span>
          </button>
          <div className="more" id={`more-${operation.jobId}`}>
            {advice}
            {meta}
            <div className="actions" part="actions">
              {view.suggestLive ? (
                <button className="primary" onClick={() => onTryLiveFailover(operation)}>
                  {msg('Try Live Failover')}
                </button>
              ) : null}
              <button onClick={() => onDetails(operation)}>
                {msg('View details')}
                <span className="visually-hidden">: {view.title}</span>
              </button>
            </div>
          </div>
        </>
      ) : (
        <>
          {advice}
          {meta}
        </>
      )}
    </li>
  );
});

/** The clock relative times render against; one state update every 15 s. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function JobList({ operations, heading }: { operations: readonly Operation[]; heading?: string }): ReactElement {
  const now = useNow();
  const [, setSelected] = useState<Operation | undefined>();
  const previous = useRef(new Map<string, Operation['status']>());
  const announcement = useMemo(() => {
    const news = announce(previous.current, operations);
    previous.current = new Map(operations.map((row) => [row.key, row.status]));
    return news;
  }, [operations]);
  const onDetails = useCallback((operation: Operation) => setSelected(operation), []);
  const onTryLiveFailover = useCallback((operation: Operation) => {
    document.dispatchEvent(new CustomEvent('try-live-failover', { detail: { jobId: operation.jobId } }));
  }, []);
  return (
    <section className="list" aria-labelledby="heading" aria-busy="false" part="base">
      <header part="header">
        <h2 id="heading">{heading ?? msg('Recent Operations')}</h2>
      </header>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {operations.length === 0 ? (
        <p className="empty">{msg('No recent operations')}</p>
      ) : (
        <ul className="rows" role="list">
          {operations.map((operation) => (
            <JobRow key={operation.key} operation={operation} now={now} onDetails={onDetails} onTryLiveFailover={onTryLiveFailover} />
          ))}
        </ul>
      )}
    </section>
  );
}

// ---- structural sharing, as TanStack Query's replaceEqualDeep ---------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `next`, reusing every part of `previous` that is deeply equal (the same object when all is). */
export function replaceEqualDeep<T>(previous: unknown, next: T): T {
  if (previous === next) return previous as T;
  if (previous instanceof Date && next instanceof Date) return (previous.getTime() === next.getTime() ? previous : next) as T;
  const arrays = Array.isArray(previous) && Array.isArray(next);
  if (!arrays && !(isPlainObject(previous) && isPlainObject(next))) return next;
  const prev = previous as Record<string, unknown>;
  const nextRecord = next as Record<string, unknown>;
  const prevKeys = Object.keys(prev);
  const nextKeys = Object.keys(nextRecord);
  const copy: Record<string, unknown> = arrays ? ([] as unknown as Record<string, unknown>) : {};
  let equal = 0;
  for (const key of nextKeys) {
    copy[key] = replaceEqualDeep(prev[key], nextRecord[key]);
    if (copy[key] === prev[key] && key in prev) equal += 1;
  }
  return (prevKeys.length === nextKeys.length && equal === prevKeys.length ? previous : copy) as T;
}

// ---- the contestant ---------------------------------------------------------------------------

let setJobs: ((jobs: RecentJobs) => void) | undefined;

function App({ initial }: { initial: RecentJobs }): ReactElement {
  const [jobs, set] = useState(initial);
  setJobs = (next) => set((previous) => replaceEqualDeep(previous, next));
  return <JobList operations={jobs.operations} />;
}

export class ReactContestant implements Contestant {
  readonly name = 'react';
  private root?: Root;
  private container?: HTMLElement;

  prepare(container: HTMLElement): void {
    this.container = document.createElement('div');
    this.container.className = 'mk-host';
    container.append(this.container);
    // The dashboard's root exists already: creating it is not part of rendering the list.
    this.root = createRoot(this.container);
    flushSync(() => this.root?.render(null));
  }

  mount(jobs: RecentJobs): void {
    flushSync(() => this.root?.render(<App initial={jobs} />));
  }

  update(jobs: RecentJobs): void {
    flushSync(() => setJobs?.(jobs));
  }

  rowList(): Element | null {
    return this.container?.querySelector('ul.rows') ?? null;
  }

  roots(): Node[] {
    return this.container ? [this.container] : [];
  }

  teardown(): void {
    this.root?.unmount();
    this.root = undefined;
    this.container?.parentElement?.replaceChildren();
    this.container = undefined;
    setJobs = undefined;
  }
}
