/**
 * Base of the three widgets: resolves the API client (a provider's, or the shared default for
 * `api-base`), carries the common attributes, and dispatches events one way.
 */
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextRoot, consume } from '@lit/context';
import { getDefaultClient, type OmaClient } from '../../api/client.js';
import { omaClientContext } from '../../api/context.js';

let contextRootAttached = false;

export class MkElement extends LitElement {
  /** Origin or path in front of `/api/v1`; empty means the page's own origin. Ignored inside `<mk-oma-provider>`. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** Show the collapsed "Technical details" section (job ids, internal step, raw error). */
  @property({ type: Boolean, reflect: true }) admin = false;

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  @consume({ context: omaClientContext, subscribe: true })
  @state()
  protected providedClient?: OmaClient;

  /** The client in use: the provider's, or one shared by every widget with the same `api-base`. */
  protected get client(): OmaClient {
    return this.providedClient ?? getDefaultClient(this.apiBase);
  }

  override connectedCallback(): void {
    // A provider upgraded after its widgets (one element imported on its own, or markup parsed
    // before the provider's definition) still reaches them: the root replays their requests.
    if (!contextRootAttached && typeof document !== 'undefined') {
      new ContextRoot().attach(document.documentElement);
      contextRootAttached = true;
    }
    super.connectedCallback();
  }

  protected emit<E extends Event>(event: E): E {
    this.dispatchEvent(event);
    return event;
  }
}
