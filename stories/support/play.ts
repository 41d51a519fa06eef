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
