/** Locale-aware formatting through `Intl`, cached per locale. */
import { msg } from '@lit/localize';
import { getWidgetLocale } from './index.js';

const cache = new Map<string, unknown>();

/** One `Intl` formatter per locale, constructor and options, built on first use. */
function formatter<Options, Formatter>(Format: new (locale: string, options: Options) => Formatter, options: Options): Formatter {
  const locale = getWidgetLocale();
  const id = locale + Format.name + JSON.stringify(options);
  let format = cache.get(id) as Formatter | undefined;
  if (!format) cache.set(id, (format = new Format(locale, options)));
  return format;
}

/** "25 sec", "1.5 kB": `Intl` unit style (short units are its default). */
const amount = (value: number, unit: string, digits = 0) =>
  formatter(Intl.NumberFormat, { style: 'unit', unit, maximumFractionDigits: digits }).format(value);

/** "2 hr 5 min", or just "2 hr" when the smaller part is zero. */
const twoUnits = (major: number, majorUnit: string, minor: number, minorUnit: string) =>
  minor ? `${amount(major, majorUnit)} ${amount(minor, minorUnit)}` : amount(major, majorUnit);

/** "60%" (rounded down so 59.99 never reads as 60% done; percent style shows no decimals by default). */
export function formatPercent(value: number): string {
  return formatter(Intl.NumberFormat, { style: 'percent' }).format(Math.floor(value) / 100);
}

/** "25 sec", "33 min 19 sec", "2 hr 5 min" (en; `Intl` short units, so "25 Sek." in de). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return amount(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? twoUnits(minutes, 'minute', seconds % 60, 'second')
    : twoUnits(Math.floor(minutes / 60), 'hour', minutes % 60, 'minute');
}

/** "26.4 GB" (decimal units, as storage people count). */
export function formatBytes(bytes: number): string {
  const prefixes = ['', 'kilo', 'mega', 'giga', 'tera', 'peta'] as const;
  let value = Math.max(0, bytes);
  let index = 0;
  // 999.5 rather than 1000: anything that would round up to "1,000 kB" reads as "1 MB" instead.
  // Up to index 5: peta is the largest.
  for (; value >= 999.5 && index < 5; index++) value /= 1000;
  return amount(value, `${prefixes[index]}byte`, value < 100 && index ? 1 : 0);
}

/** "Oct 3, 2025, 5:46 PM" in the viewer's time zone. */
export function formatDateTime(date: Date): string {
  return formatter(Intl.DateTimeFormat, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "just now", "3 minutes ago", "yesterday". */
export function formatRelativeTime(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return msg('just now');
  if (abs >= 30 * 86_400) return formatDateTime(date);
  const [size, unit] = abs < 3600 ? [60, 'minute' as const] : abs < 86_400 ? [3600, 'hour' as const] : [86_400, 'day' as const];
  return formatter(Intl.RelativeTimeFormat, { numeric: 'auto' }).format(Math.round(seconds / size), unit);
}

/**
 * "2025-10-03 17:46:57 UTC+01:00": the same digits in every language, in the viewer's time zone (or
 * `timeZone`), with its offset, so whoever reads it elsewhere knows the moment. For copied text.
 */
export function formatTimestamp(date: Date, timeZone?: string): string {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  const options: Intl.DateTimeFormatOptions = { timeZone, hourCycle: 'h23', timeZoneName: 'longOffset' };
  for (const unit of ['year', 'month', 'day', 'hour', 'minute', 'second'] as const) options[unit] = unit === 'year' ? 'numeric' : '2-digit';
  for (const { type, value } of new Intl.DateTimeFormat('en-US', options).formatToParts(date)) parts[type] = value;
  const { year, month, day, hour, minute, second, timeZoneName = 'GMT' } = parts;
  // `GMT` alone is UTC itself (some engines say `GMT+00:00`): written the one way.
  const offset = timeZoneName === 'GMT' ? '+00:00' : timeZoneName.replace('GMT', '');
  return `${year}-${month}-${day} ${hour}:${minute}:${second} UTC${offset}`;
}

/** The formatters a row needs, one per task (the first of each loads locale data). */
const WARM_UPS: readonly (() => unknown)[] = [
  () => formatRelativeTime(new Date(Date.now() - 3 * 60_000), Date.now()),
  () => formatDateTime(new Date()),
  () => formatDuration(125),
  () => formatPercent(50),
];

let warmedUp = false;

/**
 * Builds the formatters the widgets use first, for the active locale, each in a task of its own
 * (once per page; they are cached). The first `Intl` formatter of a page costs tens of milliseconds
 * (it loads locale data): a list calls this once its jobs request is out, so that cost is paid
 * while the answer is on the way instead of between the answer and the rows. One formatter per
 * task: an answer that arrives meanwhile waits for one at most.
 */
export function warmUpFormatters(): void {
  if (warmedUp || typeof setTimeout !== 'function') return;
  warmedUp = true;
  for (const build of WARM_UPS) setTimeout(build);
}
