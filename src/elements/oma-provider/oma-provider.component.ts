import { LitElement, html, css, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { OmaClient, type OmaClientOptions } from '../../api/client.js';
import { omaClientContext } from '../../api/context.js';

/**
 * @tagname mk-oma-provider
 * @summary Hands one configured OMA client to every widget inside it, so widgets for the same VM
 * share requests, cache and polling, and the token is set in one place.
 *
 * @slot - The widgets (and anything else).
 */
export class MkOmaProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Origin or path in front of `/api/v1`; empty means the page's own origin. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** `credentials` mode for cookie sessions (`include`, `same-origin`, `omit`). */
  @property() credentials?: RequestCredentials;

  /** Bearer token, or a function returning one. Set as a property, never an attribute. */
  @property({ attribute: false }) token?: OmaClientOptions['token'];

  /** Extra headers, or a function returning them. */
  @property({ attribute: false }) headers?: OmaClientOptions['headers'];

  /** A custom fetch. */
  @property({ attribute: false }) fetch?: typeof fetch;

  /** Use this client as it is (the other options are then ignored). */
  @property({ attribute: false }) client?: OmaClient;

  @provide({ context: omaClientContext })
  protected provided?: OmaClient;

  override connectedCallback(): void {
    // Children ask for the client as soon as they connect, which is before our first update.
    this.syncClient(true);
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = ['apiBase', 'credentials', 'token', 'headers', 'fetch', 'client'] as const;
    if (keys.some((key) => changed.has(key))) this.syncClient(false);
  }

  private builtWith?: OmaClientOptions;

  private syncClient(onlyIfMissing: boolean): void {
    if (this.client) {
      this.provided = this.client;
      this.builtWith = undefined;
      return;
    }
    if (onlyIfMissing && this.provided) return;
    const options: OmaClientOptions = {
      apiBase: this.apiBase,
      credentials: this.credentials,
      token: this.token,
      headers: this.headers,
      fetch: this.fetch,
    };
    const previous = this.builtWith;
    const unchanged = previous && (Object.keys(options) as (keyof OmaClientOptions)[]).every((key) => Object.is(options[key], previous[key]));
    // The first update reports every initial property as changed: keep the client built on connect.
    if (unchanged && this.provided) return;
    this.builtWith = options;
    this.provided = new OmaClient(options);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
