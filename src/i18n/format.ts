/** Locale-aware formatting through `Intl`, cached per locale. */
import { msg } from '@lit/localize';
import { getWidgetLocale } from './index.js';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: (locale: string) => T): T {
  const locale = getWidgetLocale();
  const id = `${locale}|${key}`;
  let format = cache.get(id) as T | undefined;
  if (!format) {
    format = make(locale);
    cache.set(id, format);
  }
  return format;
}

const unit = (name: string, digits = 0) =>
  cached(`unit:${name}:${digits}`, (l) => new Intl.NumberFormat(l, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits }));

/** "60%" (rounded down so 59.99 never reads as 60% done). */
export function formatPercent(value: number): string {
  return cached('percent', (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 0 })).format(Math.floor(value) / 100);
}

/** "25 sec", "33 min 19 sec", "2 hr 5 min" (en; `Intl` short units, so "25 Sek." in de). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return unit('second').format(seconds);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return minutes > 0 ? `${unit('hour').format(hours)} ${unit('minute').format(minutes)}` : unit('hour').format(hours);
  return rest > 0 ? `${unit('minute').format(minutes)} ${unit('second').format(rest)}` : unit('minute').format(minutes);
}

/** "26.4 GB" (decimal units, as storage people count). */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'];
  let value = Math.max(0, bytes);
  let index = 0;
  // 999.5 rather than 1000: anything that would round up to "1,000 kB" reads as "1 MB" instead.
  while (value >= 999.5 && index < units.length - 1) {
    value /= 1000;
    index += 1;
  }
  return unit(units[index] ?? 'byte', value < 100 && index > 0 ? 1 : 0).format(value);
}

/** "Oct 3, 2025, 5:46 PM" in the viewer's time zone. */
export function formatDateTime(date: Date): string {
  return cached('datetime', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' })).format(date);
}

/** "just now", "3 minutes ago", "yesterday". */
export function formatRelativeTime(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return msg('just now');
  const rtf = cached('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 30 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day');
  return formatDateTime(date);
}
