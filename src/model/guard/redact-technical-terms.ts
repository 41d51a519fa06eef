/**
 * The leak guard: every user-facing server string passes through `redactTechnicalTerms` before an
 * element may render it (see "What a user must never see" in the OMA contract).
 *
 * - Known technical terms become friendly words (the contract's table), device paths become
 *   "storage volume", file and script paths become "system file", internal step ids become their
 *   friendly names, internal addresses and host names become "the server".
 * - A text that is mostly technical (a stack trace, SQL, a database error, JSON, or little left but
 *   technical words) comes back empty with `fallback` set to its kind: the display layer says the
 *   plain sentence for that kind in the active language.
 * - Terms are found however they are spelled: in another case or with other separators (the
 *   patterns allow them), and with invisible characters, accents, look-alike letters or URL-encoding
 *   (the passes run again on a folded copy, see fold.ts).
 * - Every finding is returned in `leaks`, so the caller can report the server bug.
 *
 * Pure, no DOM, never throws, linear in the input's length (see patterns.ts): a 100 KB input is
 * handled in milliseconds.
 */
import { ERROR_CATEGORIES, type ErrorCategory, type FallbackKind, type GuardedText } from '../operation.js';
import { foldSpelling } from './fold.js';
import {
  ACRONYMS,
  DATABASE_PATTERNS,
  DRIVER_PACKAGE_RE,
  FILE_NAME_RE,
  HOST_PORT_RE,
  ID_WORDS,
  INTERNAL_HOST_RE,
  INTERNAL_STEP_RE,
  INTERNAL_SUFFIX_RE,
  IPV4_HOST_RE,
  IPV4_RE,
  IPV6_RE,
  JARGON,
  JARGON_RE,
  JSON_PATTERNS,
  KEBAB_RE,
  LETTER_RE,
  PLAIN_SEGMENT_RE,
  RELATIVE_SYSTEM_PATH_RE,
  SERVICE_RE,
  SLASH_TOKEN_RE,
  SNAKE_RE,
  SQL_PATTERNS,
  STACK_PATTERNS,
  STEP_ENGLISH_RE,
  STEP_NAMES,
  TOOL_RUN_RE,
  UNIX_PATH_RE,
  URL_ORIGIN_RE,
  VIRTIO_DRIVERS_RE,
  WINDOWS_PATH_RE,
} from './patterns.js';

export type LeakKind =
  | 'tool-name'
  | 'device-path'
  | 'file-path'
  | 'stack-trace'
  | 'internal-step'
  | 'sql'
  | 'database'
  | 'json'
  | 'api-path'
  | 'service-name'
  | 'network-address'
  | 'host-name';

export interface LeakFinding {
  kind: LeakKind;
  match: string;
}

export interface RedactionResult extends GuardedText {
  leaks: LeakFinding[];
}

/** Which kind of server field the text came from; `step` makes kebab-case ids friendly names. */
export type RedactionField = 'message' | 'step' | 'name' | 'action';

export interface RedactionOptions {
  /** The fallback kind when the text is mostly technical (default `unknown`). */
  category?: ErrorCategory;
  field?: RedactionField;
}

// A replacement is wrapped in private-use characters while the passes run, so the score can tell
// replaced tokens from the rest and the same word twice in a row can be said once. Any such
// character in the input is first turned into U+FFFD.
const TECHNICAL_MARK = '\uE000';
const STEP_MARK = '\uE001';
const END_MARK = '\uE002';
const MARKS_RE = /[\uE000-\uE002]/g;

const INTERNAL_STEP: LeakKind = 'internal-step';
const SYSTEM_FILE = 'system file';
const STORAGE_VOLUME = 'storage volume';
const THE_SERVER = 'the server';

const MAX_REPORTED_LEAKS = 25;
const MAX_MATCH_LENGTH = 160;

/** Internal step id (e.g. 'virtio-driver-injection') → friendly name from the contract table, or undefined. */
export function friendlyStepName(internalId: string): string | undefined {
  return typeof internalId == 'string' ? STEP_NAMES.get(internalId.trim().toLowerCase().replace(/_/g, '-')) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Helpers of one pass
// ---------------------------------------------------------------------------------------------

interface PassResult {
  text: string;
  leaks: LeakFinding[];
  /** A stack trace, SQL, a database error or JSON: never shown, whatever else the text says. */
  hard: boolean;
  /** Mostly technical: the caller gets a fallback instead of the text. */
  technical: boolean;
}

/** The core of a token without its surrounding punctuation, as [start, end). Plain loops: no backtracking. */
function coreBounds(token: string): [number, number] {
  let start = 0;
  let end = token.length;
  while (start < end && '([{<"\'`'.includes(token.charAt(start))) start++;
  while (end > start && ')]}>"\'`.,:;!?'.includes(token.charAt(end - 1))) end--;
  return [start, end];
}

/** "disk-resize-check" → "Disk Resize Check", "external_job_id" → "External Job ID". */
function titleCase(id: string): string {
  return id
    .toLowerCase()
    .split(/[-_]/)
    .map((word) => (word == 'vms' ? 'VMs' : ACRONYMS.has(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}

/** Is a lowercase kebab run an internal id rather than ordinary English? */
function isKebabId(run: string, field: RedactionField | undefined): boolean {
  const segments = run.split('-');
  if (field == 'step') return !STEP_ENGLISH_RE.test(run) && segments.some((segment) => segment.length > 1 && /[a-z]/.test(segment));
  // Inside ordinary text: only a clear id (three or more segments of words, two of them id words).
  return segments.length > 2 && !PLAIN_SEGMENT_RE.test(run) && segments.filter((segment) => ID_WORDS.has(segment)).length > 1;
}

/** A snake_case run is an id when two of its segments have letters ("pgtest1_20251003" is a name). */
function isSnakeId(run: string): boolean {
  return run.split('_').filter((segment) => /[a-z]/i.test(segment)).length > 1;
}

function isJargon(token: string): boolean {
  const core = token.slice(...coreBounds(token));
  return JARGON_RE.test(core) || JARGON.has(core.toLowerCase());
}

/** The friendly word for a tool name, whatever separators it was written with. */
function friendlyToolName(match: string): string {
  const compact = match.toLowerCase().replace(/[-_ .]/g, '');
  if (compact.includes('virtv2vinplace')) return 'driver preparation';
  if (compact.includes('virtv2v')) return 'driver injection tool';
  if (compact.includes('virtio')) return 'KVM drivers';
  return 'disk conversion tool';
}

/**
 * For a URL on an internal host (an IP address, a name without a dot like "oma", or a private
 * domain), the kind of leak; undefined for a public origin, which may be shown.
 */
function internalOriginKind(origin: string): LeakKind | undefined {
  const authority = origin.slice(origin.indexOf('//') + 2);
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (!hostAndPort) return undefined;
  if (hostAndPort.startsWith('[')) return 'network-address';
  const colon = hostAndPort.lastIndexOf(':');
  const host = colon < 0 ? hostAndPort : hostAndPort.slice(0, colon);
  if (IPV4_HOST_RE.test(host)) return 'network-address';
  if (host.includes('.') && !INTERNAL_SUFFIX_RE.test(host)) return undefined;
  return colon < 0 ? 'host-name' : 'network-address';
}

type Mark = (kind: LeakKind, match: string, replacement: string) => string;

/** The replacement for one token with a slash or a backslash (a path or a URL), or undefined to keep it. */
function replacePathToken(core: string, mark: Mark): string | undefined {
  const origin = URL_ORIGIN_RE.exec(core)?.[0];
  const originKind = origin && internalOriginKind(origin);
  if (originKind) return mark(originKind, core, THE_SERVER);
  if (UNIX_PATH_RE.test(core) && LETTER_RE.test(core)) {
    const lower = core.toLowerCase().replace(/\\\//g, '/');
    const kind: LeakKind = lower.includes('/dev/') ? 'device-path' : lower.includes('/api/') ? 'api-path' : 'file-path';
    if (kind == 'device-path') return mark(kind, core, STORAGE_VOLUME);
    // A URL on a public host keeps its origin ("https://vcenter.example.com/sdk" → "https://vcenter.example.com").
    if (origin && !UNIX_PATH_RE.test(origin)) return mark(kind, core, origin);
    return mark(kind, core, kind == 'api-path' ? THE_SERVER : SYSTEM_FILE);
  }
  if (RELATIVE_SYSTEM_PATH_RE.test(core)) {
    return /^dev\//i.test(core) ? mark('device-path', core, STORAGE_VOLUME) : mark('file-path', core, SYSTEM_FILE);
  }
  if (WINDOWS_PATH_RE.test(core)) return mark('file-path', core, SYSTEM_FILE);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// One pass
// ---------------------------------------------------------------------------------------------

/** Finds and replaces everything in one text as it is spelled; undefined when there is nothing. */
function runPass(text: string, field: RedactionField | undefined): PassResult | undefined {
  const leaks: LeakFinding[] = [];
  /** Findings other than internal step ids, counted with repeats. */
  let technicalCount = 0;

  const report = (kind: LeakKind, match: string): void => {
    if (kind != INTERNAL_STEP) technicalCount++;
    if (match.length > MAX_MATCH_LENGTH) match = match.slice(0, MAX_MATCH_LENGTH) + '…';
    if (leaks.length < MAX_REPORTED_LEAKS && !leaks.some((leak) => leak.kind == kind && leak.match == match)) {
      leaks.push({ kind, match });
    }
  };
  const mark: Mark = (kind, match, replacement) => {
    report(kind, match);
    return (kind == INTERNAL_STEP ? STEP_MARK : TECHNICAL_MARK) + replacement + END_MARK;
  };
  /** Reports the first pattern that matches (one finding per kind is enough to file the bug). */
  const hasAny = (patterns: readonly RegExp[], kind: LeakKind): boolean => {
    const match = patterns.find((pattern) => pattern.test(text))?.exec(text);
    if (match) report(kind, match[0].trim());
    return !!match;
  };

  const stack = hasAny(STACK_PATTERNS, 'stack-trace');
  const sql = hasAny(SQL_PATTERNS, 'sql');
  const database = hasAny(DATABASE_PATTERNS, 'database');
  const json = hasAny(JSON_PATTERNS, 'json');
  const hard = stack || sql || database || json;

  // Paths and URLs are found token by token (whitespace-separated, only those with a slash or a backslash).
  let marked = text.replace(SLASH_TOKEN_RE, (token) => {
    const [start, end] = coreBounds(token);
    const replacement = replacePathToken(token.slice(start, end), mark);
    return replacement ? token.slice(0, start) + replacement + token.slice(end) : token;
  });
  marked = marked
    .replace(IPV6_RE, (match) => mark('network-address', match, THE_SERVER))
    .replace(IPV4_RE, (match) => mark('network-address', match, THE_SERVER))
    .replace(INTERNAL_HOST_RE, (match) => mark(match.includes(':') ? 'network-address' : 'host-name', match, THE_SERVER))
    .replace(DRIVER_PACKAGE_RE, (match) => mark('tool-name', match, 'driver package'))
    .replace(FILE_NAME_RE, (match) =>
      /\.(?:service|socket|timer)$/i.test(match)
        ? mark('service-name', match, 'system service')
        : mark('file-path', match, SYSTEM_FILE),
    )
    // After file names, so "main.go:88" is a file and not a host with a port.
    .replace(HOST_PORT_RE, (match) => mark('network-address', match, THE_SERVER))
    .replace(INTERNAL_STEP_RE, (match) =>
      mark(INTERNAL_STEP, match, STEP_NAMES.get(match.toLowerCase().replace(/_/g, '-')) ?? titleCase(match)),
    )
    .replace(VIRTIO_DRIVERS_RE, (match) => mark('tool-name', match, 'KVM drivers'))
    .replace(TOOL_RUN_RE, (match) => mark('tool-name', match, friendlyToolName(match)))
    .replace(SERVICE_RE, (match) =>
      mark('service-name', match, match.toLowerCase() == 'volume-daemon' ? 'storage service' : 'migration service'),
    )
    .replace(KEBAB_RE, (match) => (isKebabId(match, field) ? mark(INTERNAL_STEP, match, titleCase(match)) : match))
    .replace(SNAKE_RE, (match) => (isSnakeId(match) ? mark(INTERNAL_STEP, match, titleCase(match)) : match));
  if (marked.trim() == 'validation') marked = mark(INTERNAL_STEP, 'validation', 'Pre-flight Validation');

  if (!leaks.length) return undefined;

  // The score: a token with a replaced technical term or jargon is technical, one with other words plain.
  let technical = 0;
  let plain = 0;
  for (const token of marked.replace(/([\uE000\uE001])[^\uE002]*\uE002/g, '$1').split(/\s+/)) {
    if (token.includes(TECHNICAL_MARK) || (!token.includes(STEP_MARK) && isJargon(token))) technical++;
    else if (token.includes(STEP_MARK) || LETTER_RE.test(token)) plain++;
  }
  const colonChain = (marked.match(/:\s/g) ?? []).length;

  return {
    text: marked
      // The same replacement twice in a row ("system file system file") is said once.
      .replace(/([\uE000\uE001][^\uE002]*\uE002)(?:\s+\1)+/g, '$1')
      .replace(MARKS_RE, '')
      .replace(/\(\s*\)|\[\s*\]|\{\s*\}/g, '')
      .replace(/[ \t]{2,}/g, ' ')
      .trim(),
    leaks,
    hard,
    technical:
      hard || technicalCount > 2 || (technicalCount > 0 && (colonChain > 1 || plain == 0 || technical > plain)),
  };
}

/** The findings of both passes, each once, the first pass's first. */
function mergeLeaks(first: LeakFinding[], second: LeakFinding[]): LeakFinding[] {
  const merged = [...first];
  for (const leak of second) {
    if (merged.length >= MAX_REPORTED_LEAKS) break;
    if (!merged.some((known) => known.kind == leak.kind && known.match == leak.match)) merged.push(leak);
  }
  return merged;
}

/**
 * One round: the passes on the text as written; then, if the spelling fold of what they would show
 * still reveals a term (an invisible character, a look-alike letter, an escape), the passes on the
 * folded text instead. Ordinary text is never shown folded: only a text that hides a term.
 */
function analyse(text: string, field: RedactionField | undefined): PassResult | undefined {
  const raw = text.replace(MARKS_RE, '\uFFFD');
  const direct = runPass(raw, field);
  const shown = direct ? direct.text : raw;
  const foldedShown = foldSpelling(shown);
  if (foldedShown == shown) return direct;
  const hidden = runPass(foldedShown, field);
  if (!hidden) return direct;
  const folded = runPass(foldSpelling(raw), field) ?? hidden;
  return {
    text: folded.text,
    leaks: mergeLeaks(direct?.leaks ?? [], folded.leaks),
    hard: folded.hard || !!direct?.hard,
    technical: folded.technical || !!direct?.technical,
  };
}

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

function fallbackKind(options: RedactionOptions | undefined): FallbackKind {
  if (options?.field == 'step') return 'step';
  const category = options?.category;
  return category && (ERROR_CATEGORIES as readonly string[]).includes(category) ? category : 'unknown';
}

/**
 * Every user-facing server string passes through this. Returns the text with technical terms
 * replaced; or, when the text is mostly technical, an empty text with `fallback` set (the display
 * layer shows its localised sentence for that kind). Findings are in `leaks` either way.
 */
export function redactTechnicalTerms(text: string, options?: RedactionOptions): RedactionResult {
  let leaks: LeakFinding[] = [];
  try {
    if (typeof text != 'string' || !text.trim()) return { text: '', leaks };
    // A replacement can, in theory, bring two harmless pieces together into a new term: the output
    // is checked again, up to three times.
    let output = text;
    for (let round = 0; round < 4; round++) {
      const result = analyse(output, options?.field);
      if (!result) return { text: output, leaks };
      if (!round) leaks = result.leaks;
      if ((round ? result.hard : result.technical) || !result.text) break;
      output = result.text;
    }
  } catch {
    // Never throw: a fallback is always safe to show.
  }
  return { text: '', fallback: fallbackKind(options), leaks };
}

/** True iff `redactTechnicalTerms` would report a leak for this text. */
export function containsTechnicalTerms(text: string, options?: RedactionOptions): boolean {
  return redactTechnicalTerms(text, options).leaks.length > 0;
}
