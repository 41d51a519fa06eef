/**
 * Copies text for its host: through the async Clipboard API, or, where the page may not write to
 * the clipboard (an iframe without the permission, plain http, a refused prompt), by showing the
 * text selected so the user copies it with Ctrl+C / Cmd+C. Nothing is logged.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CopiedThing } from '../model/view/support-view.js';

/** The last copy: of what, for which operation (its key), whether the clipboard took it, and the text. */
export interface CopyState {
  what: CopiedThing;
  key: string;
  copied: boolean;
  text: string;
}

/** Writes `text` to the clipboard; false where that is not allowed or not there. */
async function writeToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export class CopyController implements ReactiveController {
  /** The last copy, until `reset()` or the next one. */
  state?: CopyState;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The last copy, when it was for the operation `key` (a copy of another operation is not shown). */
  stateFor(key: string): CopyState | undefined {
    return this.state?.key === key ? this.state : undefined;
  }

  /**
   * Copies `text`. The clipboard is asked at once, still inside the user's click (Safari allows it
   * only then); meanwhile the live region is emptied, so the same sentence twice is announced twice.
   * When the clipboard refuses, the rendered `.copy-text` textarea gets focus with the text selected.
   */
  async copy(what: CopiedThing, key: string, text: string): Promise<void> {
    const writing = writeToClipboard(text);
    this.reset();
    const copied = await writing;
    await this.host.updateComplete;
    this.state = { what, key, copied, text };
    this.host.requestUpdate();
    await this.host.updateComplete;
    if (copied) return;
    const area = this.host.shadowRoot?.querySelector<HTMLTextAreaElement>('textarea.copy-text');
    area?.focus();
    area?.select();
  }

  reset(): void {
    if (!this.state) return;
    this.state = undefined;
    this.host.requestUpdate();
  }
}
