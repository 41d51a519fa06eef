/**
 * What the browser running this test file can be made to do, from test/webkit-launcher.mjs's
 * `engine-capabilities` command. Chromium and Firefox emulate media features and take any
 * viewport; WebKit (driven through WebDriver) has no media emulation and a window at least 447 px
 * wide. A test that needs either picks an assertion path that means something in this engine.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export interface EngineCapabilities {
  /** emulateMedia() works (prefers-color-scheme, prefers-reduced-motion). */
  emulatesMedia: boolean;
  /** The narrowest viewport setViewport() can give (0: any). */
  minViewportWidth: number;
}

let capabilities: Promise<EngineCapabilities> | undefined;

export function engineCapabilities(): Promise<EngineCapabilities> {
  capabilities ??= executeServerCommand<EngineCapabilities, undefined>('engine-capabilities').then((answer) => {
    if (!answer || typeof answer.emulatesMedia !== 'boolean') throw new Error('No answer to engine-capabilities: is webdriverCommandsPlugin() in the config?');
    return answer;
  });
  return capabilities;
}

/**
 * The style rules inside `@media <media>` in a shadow root's stylesheets (adopted or <style>), as
 * this engine parsed them: where a media feature cannot be emulated, a test can still check that
 * the engine kept the rule and what it would do.
 */
export function rulesUnderMedia(root: ShadowRoot, media: string): CSSStyleRule[] {
  const wanted = media.replace(/\s+/g, '');
  const sheets = [...root.adoptedStyleSheets, ...[...root.querySelectorAll('style')].flatMap((style) => (style.sheet ? [style.sheet] : []))];
  const found: CSSStyleRule[] = [];
  const walk = (rules: CSSRuleList, inside: boolean) => {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule) walk(rule.cssRules, inside || rule.media.mediaText.replace(/\s+/g, '') === wanted);
      else if (inside && rule instanceof CSSStyleRule) found.push(rule);
    }
  };
  for (const sheet of sheets) walk(sheet.cssRules, false);
  return found;
}

/** Whether `element` matches one of the selectors in `selectorText` (pseudo-element selectors never match). */
export function matchesAny(element: Element, selectorText: string): boolean {
  return selectorText.split(',').some((selector) => {
    try {
      return element.matches(selector.trim());
    } catch {
      return false;
    }
  });
}
