/**
 * The one localization layer. Strings in templates go through `msg()` (@lit/localize, runtime
 * mode); times, sizes and percentages through `Intl` with the active locale. English ships in the
 * source; other locales load on demand.
 */
import { configureLocalization } from '@lit/localize';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['de'] as const;
export type WidgetLocale = typeof SOURCE_LOCALE | (typeof TARGET_LOCALES)[number];
export const ALL_LOCALES: readonly WidgetLocale[] = [SOURCE_LOCALE, ...TARGET_LOCALES];

let controls: ReturnType<typeof configureLocalization> | undefined;

function localization(): ReturnType<typeof configureLocalization> {
  controls ??= configureLocalization({
    sourceLocale: SOURCE_LOCALE,
    targetLocales: TARGET_LOCALES,
    loadLocale: () => import('./generated/locales/de.js'),
  });
  return controls;
}

/** The active locale ("en" until a host switches). */
export function getWidgetLocale(): string {
  return controls?.getLocale() ?? SOURCE_LOCALE;
}

/** Switch every widget on the page to `locale` ("en", "de"); resolves once the strings are loaded. */
export async function setWidgetLocale(locale: string): Promise<void> {
  const supported = ALL_LOCALES.includes(locale as WidgetLocale) ? locale : SOURCE_LOCALE;
  if (supported === getWidgetLocale()) return;
  await localization().setLocale(supported);
}
