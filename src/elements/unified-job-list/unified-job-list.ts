import { MkUnifiedJobList } from './unified-job-list.component.js';
import { defineElement } from '../shared/define.js';

export { MkUnifiedJobList };
defineElement('mk-unified-job-list', MkUnifiedJobList);

declare global {
  interface HTMLElementTagNameMap {
    'mk-unified-job-list': MkUnifiedJobList;
  }
}
