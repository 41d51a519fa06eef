/** Small helpers for play functions: the widgets render into open shadow roots. */
import { expect, waitFor } from 'storybook/test';

/** Waits until `selector` matches inside the shadow root of the first `tag` in the canvas. */
export async function findInShadow<E extends Element = HTMLElement>(
  canvasElement: HTMLElement,
  tag: string,
  selector: string,
  timeout = 5000,
): Promise<E> {
  let found: E | null = null;
  await waitFor(
    () => {
      found = canvasElement.querySelector(tag)?.shadowRoot?.querySelector<E>(selector) ?? null;
      expect(found, `${tag} ${selector}`).toBeTruthy();
    },
    { timeout },
  );
  return found as unknown as E;
}

/** The button of `tag` whose text starts with `label`. */
export async function findButton(canvasElement: HTMLElement, tag: string, label: string, timeout = 5000): Promise<HTMLButtonElement> {
  let found: HTMLButtonElement | undefined;
  await waitFor(
    () => {
      const buttons = [...(canvasElement.querySelector(tag)?.shadowRoot?.querySelectorAll('button') ?? [])];
      found = buttons.find((button) => button.textContent?.trim().startsWith(label));
      expect(found, `${tag} button "${label}"`).toBeTruthy();
    },
    { timeout },
  );
  return found as unknown as HTMLButtonElement;
}

/** Waits until the `<dialog>` of the first `mk-job-error-modal` under `root` is open, and returns it. */
export async function findOpenDialog(root: ParentNode, timeout = 5000): Promise<HTMLDialogElement> {
  let dialog: HTMLDialogElement | null = null;
  await waitFor(
    () => {
      dialog = root.querySelector('mk-job-error-modal')?.shadowRoot?.querySelector('dialog') ?? null;
      expect(dialog?.open, 'an open dialog').toBe(true);
    },
    { timeout },
  );
  return dialog as unknown as HTMLDialogElement;
}

/**
 * Presses the button of `tag` labelled `label` with `navigator.clipboard` replaced for that copy:
 * `writes` takes the text (as a page allowed to copy does), `refuses` rejects (an iframe without
 * the clipboard permission, plain http). Waits until the widget's live region speaks, restores the
 * page's clipboard, and returns what was written.
 */
export async function copyWith(canvasElement: HTMLElement, tag: string, label: string, mode: 'writes' | 'refuses'): Promise<string[]> {
  const button = await findButton(canvasElement, tag, label);
  const written: string[] = [];
  const writeText = (text: string) =>
    mode === 'writes' ? (written.push(text), Promise.resolve()) : Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  try {
    button.click();
    await waitFor(() => expect(canvasElement.querySelector(tag)?.shadowRoot?.querySelector('.copy-status')?.textContent).toBeTruthy());
  } finally {
    delete (navigator as { clipboard?: unknown }).clipboard;
  }
  return written;
}
