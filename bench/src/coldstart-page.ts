/**
 * What the hand-written floor and the React page of scenario 8 share: the widgets' own styles as
 * one light-DOM stylesheet, and a plain JSON GET. (The bare floor has its own plain stylesheet.)
 */
import { timeStyles, tokens } from '../../src/elements/shared/styles.js';
import { collapseStyles } from '../../src/elements/shared/collapse.styles.js';
import { listStyles } from '../../src/elements/unified-job-list/unified-job-list.styles.js';
import { bannerStyles } from '../../src/elements/operation-error-banner/operation-error-banner.styles.js';
import { lightDomCss } from './contestants/row-view.js';

/** Adds the banner's and the list's styles, rewritten for the light DOM, to the page. */
export function addWidgetStyles(): void {
  const style = document.createElement('style');
  style.textContent = lightDomCss([tokens.cssText, timeStyles.cssText, collapseStyles.cssText, listStyles.cssText, bannerStyles.cssText]);
  document.head.append(style);
}

export async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  return JSON.parse(await response.text()) as unknown;
}
