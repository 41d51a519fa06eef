/**
 * One response from body to model: validate (src/api/wire.ts) → normalise (normalize-*.ts) → guard
 * (guard/). The client runs these on every new body and caches the result; elements never see raw JSON.
 */
export {
  normalizeRecentJobs as readRecentJobs,
  normalizeVmContext as readVmContext,
  normalizeFailoverStatus as readFailoverStatus,
  type Normalized,
  type DataIssue,
} from '../api/normalize.js';
