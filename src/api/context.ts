import { createContext } from '@lit/context';
import type { OmaClient } from './client.js';

/** The API client a `<mk-oma-provider>` hands to every widget inside it. */
export const omaClientContext = createContext<OmaClient | undefined>(Symbol.for('mk-widgets.oma-client'));
