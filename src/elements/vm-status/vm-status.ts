import { MkVmStatus } from './vm-status.component.js';
import { defineElement } from '../shared/define.js';

export { MkVmStatus };
defineElement('mk-vm-status', MkVmStatus);

declare global {
  interface HTMLElementTagNameMap {
    'mk-vm-status': MkVmStatus;
  }
}
