import { MkJobErrorModal } from './job-error-modal.component.js';
import { defineElement } from '../shared/define.js';

export { MkJobErrorModal };
defineElement('mk-job-error-modal', MkJobErrorModal);

declare global {
  interface HTMLElementTagNameMap {
    'mk-job-error-modal': MkJobErrorModal;
  }
}
