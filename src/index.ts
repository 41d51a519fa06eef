/** mk-widgets: importing this registers all elements (the provider first, so widgets parsed inside it find it at once). */
export { MkOmaProvider } from './elements/oma-provider/oma-provider.js';
export { MkUnifiedJobList } from './elements/unified-job-list/unified-job-list.js';
export { MkOperationErrorBanner } from './elements/operation-error-banner/operation-error-banner.js';
export { MkJobErrorModal } from './elements/job-error-modal/job-error-modal.js';
export { MkVmStatus } from './elements/vm-status/vm-status.js';
export {
  OmaClient,
  getDefaultClient,
  type OmaClientOptions,
  type ResourceState,
  type EndpointTemplates,
  type RecentJobsTarget,
  type BodyReader,
} from './api/client.js';
export type { UnifiedJob, OperationSummary, RecentJobsResponse, VmContextResponse, VmContextsResponse } from './api/wire.js';
export { OmaError, type OmaErrorKind } from './api/errors.js';
export { DATA_ISSUE_EVENT } from './api/report.js';
export type { DataIssue } from './model/data-issue.js';
export { DismissalStore, getDefaultDismissalStore, DISMISSAL_STORAGE_KEY } from './model/dismissal-store.js';
export {
  TryLiveFailoverEvent,
  DismissEvent,
  ViewDetailsEvent,
  type TryLiveFailoverDetail,
  type DismissDetail,
  type ViewDetailsDetail,
  type ActionSource,
} from './events.js';
export type { Operation, OperationType, OperationStatus, ErrorCategory, Severity, GuardedText } from './model/operation.js';
export type { JobInput } from './model/pipeline.js';
export { setWidgetLocale, getWidgetLocale, ALL_LOCALES } from './i18n/index.js';
