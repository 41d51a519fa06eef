import { MkOperationErrorBanner } from './operation-error-banner.component.js';
import { defineElement } from '../shared/define.js';

export { MkOperationErrorBanner };
defineElement('mk-operation-error-banner', MkOperationErrorBanner);

declare global {
  interface HTMLElementTagNameMap {
    'mk-operation-error-banner': MkOperationErrorBanner;
  }
}
