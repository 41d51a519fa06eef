/**
 * Server bodies a host hands over instead of letting a widget fetch them (`vmContext`,
 * `recentJobs`): read through the same pipeline as fetched data (validate, normalise, guard),
 * reported the same way, and kept when a later body is bad, as a failed poll keeps its last data.
 */
import { reportDataIssues } from '../api/report.js';
import { toOmaError } from '../api/errors.js';
import type { ResourceState } from '../api/client.js';
import type { Normalized } from '../model/data-issue.js';

export class HostData<T> {
  /** What the widget shows of the host's body: `ready`, or `error` (with the last good data) for a body it cannot read. */
  state: ResourceState<T> = { status: 'loading' };
  #body: unknown;

  constructor(private readonly read: (body: unknown, id: string) => Normalized<T>) {}

  /** Reads `body` when it is a new one; `id` names the resource in data-issue reports. */
  take(body: unknown, id: string): ResourceState<T> {
    if (body === this.#body) return this.state;
    this.#body = body;
    try {
      const { data, issues } = this.read(body, id);
      reportDataIssues(issues);
      this.state = { status: 'ready', data, updatedAt: Date.now() };
    } catch (error) {
      this.state = { status: 'error', data: this.state.data, error: toOmaError(error), updatedAt: this.state.updatedAt };
    }
    return this.state;
  }
}
