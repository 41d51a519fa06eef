import type { RecentJobs } from '../../../src/model/operation.js';

/** One way of putting the job list on screen. Only `mount` and `update` are timed. */
export interface Contestant {
  readonly name: string;
  /** Untimed set-up in an empty, attached container (a React root, a provider). */
  prepare(container: HTMLElement): void;
  /** First render of the list with these jobs (synchronous or finished when the promise settles). */
  mount(jobs: RecentJobs): void | Promise<void>;
  /** A poll's answer: new objects, possibly equal to the ones on screen. */
  update(jobs: RecentJobs): void | Promise<void>;
  /** The `ul.rows` on screen. */
  rowList(): Element | null;
  /** Where to observe mutations (shadow roots are observed on their own). */
  roots(): Node[];
  /** Untimed: unmount and empty the container. */
  teardown(): void;
}
