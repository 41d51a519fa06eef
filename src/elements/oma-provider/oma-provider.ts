import { MkOmaProvider } from './oma-provider.component.js';
import { defineElement } from '../shared/define.js';

export { MkOmaProvider };
defineElement('mk-oma-provider', MkOmaProvider);

declare global {
  interface HTMLElementTagNameMap {
    'mk-oma-provider': MkOmaProvider;
  }
}
