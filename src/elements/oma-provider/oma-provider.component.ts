import { LitElement, html, css, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import { OmaClient, type EndpointTemplates, type OmaClientOptions } from '../../api/client.js';
import { omaClientContext } from '../../api/context.js';
import { reportDataIssues } from '../../api/report.js';
import type { VmContextsResponse } from '../../api/wire.js';
import { readVmContexts } from '../../model/pipeline.js';
import { vmContextsContext } from '../../controllers/vm-list-controller.js';

/** The options a provider builds its client from (`client` overrides them all). */
const CLIENT_OPTIONS = ['apiBase', 'endpoints', 'credentials', 'token', 'headers', 'fetch'] as const;

/**
 * @tagname mk-oma-provider
 * @summary Hands one configured OMA client to every widget inside it, so widgets for the same VM
 * share requests, cache and polling, and the token is set in one place.
 *
 * @slot - The widgets (and anything else).
 *
 * @example The MigrateKit dashboard's proxy routes, in plain HTML:
 * `<mk-oma-provider endpoints='{"vmContext": "/api/vm-contexts/{vmName}", "recentJobs": "/api/vm-contexts/{vmName}/recent-jobs"}'>`
 */
export class MkOmaProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  // Declared without decorators: the decorator helpers would be the only thing some pages load them for.
  static override get properties(): PropertyDeclarations {
    return {
      apiBase: { attribute: 'api-base' },
      endpoints: {},
      credentials: {},
      token: { attribute: false },
      headers: { attribute: false },
      fetch: { attribute: false },
      client: { attribute: false },
      vmContexts: { attribute: false },
    };
  }

  /** Origin or path in front of `/api/v1`; empty means the page's own origin. */
  declare apiBase: string;

  /**
   * URL templates for routes that are not the OMA's `/api/v1` paths (`vmContext`, `recentJobs`,
   * `failoverStatus`, `vmContexts`, with `{vmName}`, `{contextId}`, `{jobId}`): an object, or its JSON
   * in the `endpoints` attribute. Bad JSON makes every request fail as a configuration error, said
   * once in the console.
   */
  declare endpoints?: EndpointTemplates | string;

  /** `credentials` mode for cookie sessions (`include`, `same-origin`, `omit`). */
  declare credentials?: RequestCredentials;

  /** Bearer token, or a function returning one. Set as a property, never an attribute. */
  declare token?: OmaClientOptions['token'];

  /** Extra headers, or a function returning them. */
  declare headers?: OmaClientOptions['headers'];

  /** A custom fetch. */
  declare fetch?: typeof fetch;

  /** Use this client as it is (the other options are then ignored). */
  declare client?: OmaClient;

  /**
   * The VM list as the server sends it (`GET /vm-contexts`), for a host that already has it: every
   * `<mk-vm-status>` inside reads its VM from it (validated and guarded like fetched data) and
   * nothing is requested for them. Set it again with the next answer to update them.
   */
  declare vmContexts?: VmContextsResponse;

  readonly #provider = new ContextProvider(this, { context: omaClientContext });
  readonly #vmContextsProvider = new ContextProvider(this, { context: vmContextsContext });
  /** The body `vmContexts` was last read from. */
  #vmContextsRead?: VmContextsResponse;

  /** The options the provided client was built from (undefined for a host-given `client`). */
  #builtWith?: OmaClientOptions;

  constructor() {
    super();
    this.apiBase = '';
  }

  override connectedCallback(): void {
    // Children ask for the client as soon as they connect, which is before our first update.
    this.#syncClient(true);
    this.#syncVmContexts();
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || CLIENT_OPTIONS.some((key) => changed.has(key))) this.#syncClient(false);
    if (changed.has('vmContexts')) this.#syncVmContexts();
  }

  /** Offers the host's VM list, read through the same schema, normaliser and guard as a fetched one. */
  #syncVmContexts(): void {
    const body = this.vmContexts;
    if (body === this.#vmContextsRead) return;
    this.#vmContextsRead = body;
    if (body == null) return this.#vmContextsProvider.setValue(undefined);
    try {
      const { data, issues } = readVmContexts(body);
      reportDataIssues(issues);
      this.#vmContextsProvider.setValue(data);
    } catch (error) {
      console.warn('[mk-widgets] <mk-oma-provider> vmContexts is not a VM list body ({ vm_contexts: [...] })', error);
      this.#vmContextsProvider.setValue(undefined);
    }
  }

  #syncClient(onlyIfMissing: boolean): void {
    const provided = this.#provider.value;
    if (this.client) {
      this.#provider.setValue(this.client);
      this.#builtWith = undefined;
      return;
    }
    if (onlyIfMissing && provided) return;
    const options: OmaClientOptions = {};
    for (const key of CLIENT_OPTIONS) (options as Record<string, unknown>)[key] = this[key];
    const previous = this.#builtWith;
    // The first update reports every initial property as changed: keep the client built on connect.
    if (provided && previous && CLIENT_OPTIONS.every((key) => sameOption(key, options[key], previous[key]))) return;
    this.#builtWith = options;
    this.#provider.setValue(new OmaClient(options));
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

/** Whether an option is unchanged. Templates compare by content: a React host passes a new, equal object every render. */
function sameOption(key: (typeof CLIENT_OPTIONS)[number], a: unknown, b: unknown): boolean {
  return Object.is(a, b) || (key === 'endpoints' && JSON.stringify(a) === JSON.stringify(b));
}
