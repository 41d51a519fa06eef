/**
 * Base of the three widgets: resolves the API client (a provider's, or the shared default for
 * `api-base`) and carries the common attributes. Events go out through `liveFailoverButton`
 * (operation-parts.ts) and the banner's `DismissEvent`.
 */
import { LitElement, type PropertyDeclarations } from 'lit';
import { ContextConsumer, ContextRoot } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize';
import { getDefaultClient, type OmaClient } from '../../api/client.js';
import { omaClientContext } from '../../api/context.js';

let contextRootAttached = false;

export class MkElement extends LitElement {
  // Reactive properties are declared here rather than with decorators, whose helpers would cost
  // every page that loads the widgets about 1 kB. Subclasses add theirs the same way.
  static override get properties(): PropertyDeclarations {
    return {
      apiBase: { attribute: 'api-base' },
      admin: { type: Boolean, reflect: true },
      theme: { reflect: true },
      // `attribute: false` is implied by `state`, but the manifest analyzer needs it spelled out.
      providedClient: { state: true, attribute: false },
    };
  }

  /** Origin or path in front of `/api/v1`; empty means the page's own origin. Ignored inside `<mk-oma-provider>`. */
  apiBase = '';

  /** Show the collapsed "Technical details" section (job ids, internal step, raw error). */
  admin = false;

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  declare theme?: 'light' | 'dark';

  /** The client of the nearest `<mk-oma-provider>`, if any. */
  protected declare providedClient?: OmaClient;

  constructor() {
    super();
    // Every widget's strings follow the active locale (what @localized() does).
    updateWhenLocaleChanges(this);
    new ContextConsumer(this, {
      context: omaClientContext,
      subscribe: true,
      callback: (client) => (this.providedClient = client),
    });
  }

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
}
