/**
 * The leak guard: every user-facing server string passes through `redactTechnicalTerms` before an
 * element may render it (see "What a user must never see" in the OMA contract).
 *
 * - Known technical terms become friendly words (the contract's table), device paths become
 *   "storage volume", file and script paths become "system file", internal step ids become their
 *   friendly names.
 * - A text that is mostly technical (a stack trace, SQL, or little left but technical words) becomes
 *   a stock sentence for its category, marked with `fallback` so the display layer can localise it.
 * - Every finding is returned in `leaks`, so the caller can report the server bug.
 *
 * Pure, no DOM, never throws. Every regular expression is linear in the input: each one either
 * matches literal text, or can only start at the beginning of a run of the characters it scans
 * (a look-behind guard), or scans a bounded window. A 100 KB input is handled in milliseconds.
 *
 * Kept small on purpose (it ships in the bundle): word lists are space-separated strings, and the
 * passes are plain functions, because the minifier shortens local names but not property names.
 */
import type { ErrorCategory, FallbackKind, GuardedText } from './operation.js';

export type LeakKind =
  | 'tool-name'
  | 'device-path'
  | 'file-path'
  | 'stack-trace'
  | 'internal-step'
  | 'sql'
  | 'api-path'
  | 'service-name';

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
  /** Chooses the stock sentence when the text is mostly technical (default `unknown`). */
  category?: ErrorCategory;
  field?: RedactionField;
}

const words = (list: string): Set<string> => new Set(list.split(' '));

// ---------------------------------------------------------------------------------------------
// Friendly words
// ---------------------------------------------------------------------------------------------

/** Internal step id → friendly name, from the contract table (one "id=name" a line). */
const STEP_NAMES = new Map(
  `virtio-driver-injection=Preparing Drivers for Compatibility
cloudstack-snapshot-creation=Creating Backup Snapshots
multi-volume-snapshot-creation=Creating Backup Snapshots
vm-creation=Creating Destination VM
volume-attachment=Attaching Storage Volumes
network-configuration=Configuring Network Adapters
validation=Pre-flight Validation
source-vm-power-off=Powering Off Source VM
final-sync=Final Data Synchronization
vm-startup-and-validation=Starting and Validating VM
test-vm-deletion=Removing Test VM
cloudstack-snapshot-rollback=Rolling Back to Backup`
    .split('\n')
    .map((line) => line.split('=') as [string, string]),
);

/** The end of "We couldn't finish because …" for each category. */
const FALLBACK_REASONS: Readonly<Record<ErrorCategory, string>> = {
  compatibility: 'of a compatibility problem with the VM',
  network: 'of a network problem',
  storage: 'of a storage problem',
  platform: 'of a problem on the migration platform',
  connectivity: 'a system the migration depends on could not be reached',
  configuration: 'of a configuration problem',
  unknown: 'of an unexpected problem',
};

/** Internal step id (e.g. 'virtio-driver-injection') → friendly name from the contract table, or undefined. */
export function friendlyStepName(internalId: string): string | undefined {
  return typeof internalId == 'string' ? STEP_NAMES.get(internalId.trim().toLowerCase().replace(/_/g, '-')) : undefined;
}

/** English stock sentence for a fallback kind ("We couldn't finish because of a compatibility problem with the VM." etc.). */
export function fallbackSentence(kind: FallbackKind): string {
  if (kind == 'step') return 'A migration step';
  return `We couldn't finish because ${FALLBACK_REASONS[Object.hasOwn(FALLBACK_REASONS, kind) ? kind : 'unknown']}.`;
}

// ---------------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------------

/** Forbidden outright: the text becomes a stock sentence. */
const STACK_PATTERNS: readonly RegExp[] = [
  /goroutine|traceback|\bException in thread\b|\bstack ?trace\b/i,
  /\bpanic:|\bruntime error:|\[signal SIG[A-Z]+|\bCaused by: [\w$.]+(?:Exception|Error)\b/,
  // JS / Java frames: "at foo (file.js:1:2)", "at com.x.Y.z(Y.java:12)"
  /\bat [^\s()]+ ?\([^()\s]*:\d+(?::\d+)?\)/,
  // JS frames without a function: "    at /app/file.js:10:5"
  /(?:^|\n)[ \t]*at [^\n]*:\d+:\d+\)?[ \t]*(?=\n|$)/,
  // Python and Go frames
  /\bFile "[^"\n]*", line \d+|\.go:\d+ \+0x[0-9a-f]+/,
  // java.lang.NullPointerException and friends
  /(?<![\w$.])(?:[a-z_$][\w$]*\.){2,}[A-Z][\w$]*(?:Exception|Error)\b/,
];

/** Upper-case keywords are SQL by themselves; lower-case ones only in a statement's shape. */
const SQL_PATTERNS: readonly RegExp[] = [
  /SELECT\s|\b(?:INSERT\s+INTO|DELETE\s+FROM)\b|\bUPDATE\s+[`"]?\w+[`"]?\s+SET\b|\bDuplicate entry '/,
  /\bselect\s+(?:\*|distinct\b|count\s*\()|\bselect\s[^;\n]{0,200}?\bfrom\s+[`"]?[a-z_][\w.]*[`"]?\s+where\b/i,
  /\binsert\s+into\s+[`"]?\w+[`"]?\s*(?:\(|values\b)|\bdelete\s+from\s+[`"]?\w+[`"]?\s+where\b/i,
  /\bupdate\s+[`"]?\w+[`"]?\s+set\s+[`"]?\w+[`"]?\s*=/i,
  /(?<!\w)pq:|\bsql:\s|\bSQLSTATE\b|\bduplicate key value\b|\bviolates (?:unique|foreign key|not-null|check) constraint\b/i,
  // MySQL / MariaDB: "Error 1062 (23000): Duplicate entry …"
  /\bError [123]\d{3}(?: \([0-9A-Z]{5}\))?:/,
];

/** virtio-win, virtio-win.iso, virtio-win-0.1.240.iso → "driver package". */
const DRIVER_PACKAGE_RE = /virtio[-_ ]?win(?:[\w-]|\.(?=[\w-]))*(?:[ \t]+drivers?\b)?/gi;

/**
 * File names, and source files only with a line number ("main.js:12"; "Node.js" is a word). A match
 * starts only at the beginning of a run of [\w.-] and scans the run lazily, so a run is scanned once.
 */
const FILE_NAME_RE =
  /(?<![\w.-])[\w.-]*?[\w-]\.(?:(?:sh|bash|py|pyc|go|log|conf|cfg|ini|yaml|yml|json|xml|toml|txt|csv|env|iso|img|qcow2|vmdk|vmx|ovf|ova|exe|dll|sys|inf|cat|msi|ps1|psm1|bat|cmd|vbs|so|ko|pid|lock|sock|tmp|bak|db|sqlite|sql|gz|tgz|tar|zip|service|socket|timer)\b(?::\d+){0,2}|(?:js|mjs|cjs|ts|java|kt|rb|rs|c|cc|cpp|h|hpp|cs|php|pl|lua):\d+(?::\d+)?)/gi;

const INTERNAL_STEP_RE = new RegExp(
  `(?<![a-z\\d])(?:${[...STEP_NAMES.keys()].filter((id) => id.includes('-')).join('|')})(?![a-z\\d])`,
  'gi',
);

/** A whole identifier run that contains a tool name ("inject_virtio_drivers", "nbdkit-vddk-plugin"). */
const TOOL_RUN_RE =
  /(?<![\w-])[\w-]*?(?:virtio|virt-[a-z0-9]|libguestfs|guestfish|guestmount|nbdkit|nbdcopy|nbdinfo|libnbd|qemu-img|qemu-nbd)[\w-]*/gi;

const SERVICE_RE = /(?<![\w-])(?:(?:volume-daemon|oma-api|sna-api|vma-api)(?![\w-])|migratekit-[a-z0-9-]*[a-z0-9])/gi;

/** Lowercase kebab-case runs: candidates for internal ids. */
const KEBAB_RE = /(?<![\w-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w-])/g;

/** Hyphenated English that a step field keeps: "re-run", "x-ray", "follow-up", "step-by-step". */
const STEP_ENGLISH_RE = new RegExp(
  '^(?:(?:.|re|pre|non|post|co|self|un|sub|anti|semi|mid|ex|over|under|cross|inter|intra|well|ill|half|all|far|' +
    'near|long|short|high|low)-[^-]+|[^-]+-(?:in|on|up|out|off|only|based|like|free|wide|level|related|ready|safe|' +
    'aware|friendly|specific|time|known)|step-by-step|up-to-date|out-of-date|end-to-end|point-in-time|' +
    'state-of-the-art|peer-to-peer|day-to-day|one-to-one|one-on-one|side-by-side|out-of-band|in-band|read-write|' +
    'on-premises|on-prem)$',
);
/** A segment that makes a kebab run ordinary text: a number, or a function word ("state-of-the-art"). */
const PLAIN_SEGMENT_RE =
  /(?<![^-])(?:\d+|a|an|the|and|or|nor|but|to|by|of|in|on|at|for|with|from|as|it|all|is|be|not|no)(?![^-])/;
/**
 * Segments that say "this is an operation id", for kebab runs inside ordinary text. Two are needed,
 * so a VM name like "db-primary-east" or "web-server-01" stays as it is.
 */
const ID_WORDS = words(
  'volume volumes attach attachment detach detachment snapshot snapshots create creation delete deletion op ops ' +
    'operation step check sync validate validation power startup shutdown rollback cleanup failover replication ' +
    'replicate driver drivers injection inject network config configuration cloudstack ossea vmware disk disks ' +
    'resize mount unmount export import job task handler worker init prepare preparation verify convert conversion ' +
    'copy transfer migrate migration cbt nbd vm vma sna oma api daemon tracking ctx lun nic provision provisioning ' +
    'cutover discovery teardown',
);
const ACRONYMS = words('vm cbt nbd ip nic os id dns dhcp vlan lun oma sna vma api cpu kvm uefi bios');

/** Words that are technical without being a leak themselves: they only weigh in the "mostly technical" score. */
const JARGON = words(
  'nil null pointer dereference segfault sigsegv sigkill sigterm errno eof stderr stdout stdin exit exited status ' +
    'rc pid syscall ioctl enoent eacces eio enospc einval ebusy eperm dial tcp udp rpc grpc unmarshal marshal struct ' +
    'func mutex fd errorf wrapped nbd iscsi lvm ntfs bcd',
);
/** HTTP methods; "=" (key=value); hex numbers; snake_case identifiers. */
const JARGON_RE = /=|^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|0[xX][\da-fA-F]+|[a-zA-Z\d]+(?:_[a-zA-Z\d]+)+)$/;

const UNIX_PATH_RE = /\/[^/]+\//;
const WINDOWS_PATH_RE = /^[A-Za-z]:\\|^\\\\|[\w.$~-]\\[\w.$~-]/;
const URL_ORIGIN_RE = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i;
const LETTER_RE = /\p{L}/u;

// A replacement is wrapped in private-use characters while the passes run, so the score can tell
// replaced tokens from the rest and the same word twice in a row can be said once. Any such
// character in the input is first turned into U+FFFD.
const TECHNICAL_MARK = '\uE000';
const STEP_MARK = '\uE001';
const END_MARK = '\uE002';
const MARKS_RE = /[\uE000-\uE002]/g;

const INTERNAL_STEP: LeakKind = 'internal-step';
const SYSTEM_FILE = 'system file';

const MAX_REPORTED_LEAKS = 25;
const MAX_MATCH_LENGTH = 160;

// ---------------------------------------------------------------------------------------------
// One pass
// ---------------------------------------------------------------------------------------------

interface PassResult {
  text: string;
  leaks: LeakFinding[];
  /** A stack trace or SQL: never shown, whatever else the text says. */
  hard: boolean;
  /** Mostly technical: shown as the stock sentence. */
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

function titleCase(id: string): string {
  return id
    .split('-')
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

function isJargon(token: string): boolean {
  const core = token.slice(...coreBounds(token));
  return JARGON_RE.test(core) || JARGON.has(core.toLowerCase());
}

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
  const mark = (kind: LeakKind, match: string, replacement: string): string => {
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
  const hard = hasAny(SQL_PATTERNS, 'sql') || stack;

  // Paths are found token by token (whitespace-separated, here only those with a slash or a
  // backslash): a token with two slashes around a name, or a Windows path.
  let marked = text.replace(/(?<!\S)[^\s/\\]*[/\\]\S*/g, (token) => {
    const [start, end] = coreBounds(token);
    const core = token.slice(start, end);
    const lower = core.toLowerCase();
    let replacement: string | undefined;
    if (UNIX_PATH_RE.test(core) && LETTER_RE.test(core)) {
      const kind: LeakKind = lower.includes('/dev/') ? 'device-path' : lower.includes('/api/') ? 'api-path' : 'file-path';
      // A URL keeps its origin ("http://oma:8082/api/v1/…" → "http://oma:8082").
      const origin = kind != 'device-path' && URL_ORIGIN_RE.exec(core)?.[0];
      replacement = mark(
        kind,
        core,
        origin && !UNIX_PATH_RE.test(origin)
          ? origin
          : kind == 'device-path'
            ? 'storage volume'
            : kind == 'api-path'
              ? 'the server'
              : SYSTEM_FILE,
      );
    } else if (WINDOWS_PATH_RE.test(core)) {
      replacement = mark('file-path', core, SYSTEM_FILE);
    }
    return replacement ? token.slice(0, start) + replacement + token.slice(end) : token;
  });
  marked = marked
    .replace(DRIVER_PACKAGE_RE, (match) => mark('tool-name', match, 'driver package'))
    .replace(FILE_NAME_RE, (match) =>
      /\.(?:service|socket|timer)$/i.test(match)
        ? mark('service-name', match, 'system service')
        : mark('file-path', match, SYSTEM_FILE),
    )
    .replace(INTERNAL_STEP_RE, (match) => mark(INTERNAL_STEP, match, STEP_NAMES.get(match.toLowerCase()) ?? match))
    // "VirtIO drivers" → "KVM drivers" (not "KVM drivers drivers").
    .replace(/virtio[ \t]+drivers?\b/gi, (match) => mark('tool-name', match, 'KVM drivers'))
    .replace(TOOL_RUN_RE, (match) => {
      const lower = match.toLowerCase();
      return mark(
        'tool-name',
        match,
        lower.includes('virt-v2v-in-place')
          ? 'driver preparation'
          : lower.includes('virt-v2v')
            ? 'driver injection tool'
            : lower.includes('virtio')
              ? 'KVM drivers'
              : 'disk conversion tool',
      );
    })
    .replace(SERVICE_RE, (match) =>
      mark('service-name', match, match.toLowerCase() == 'volume-daemon' ? 'storage service' : 'migration service'),
    )
    .replace(KEBAB_RE, (match) => (isKebabId(match, field) ? mark(INTERNAL_STEP, match, titleCase(match)) : match));
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

function analyse(text: string, field: RedactionField | undefined): PassResult | undefined {
  const raw = text.replace(MARKS_RE, '\uFFFD');
  const direct = runPass(raw, field);
  if (direct) return direct;
  // Unicode look-alikes and invisible characters hidden inside a term ("ｖｉｒｔｉｏ", "vir\u200Btio").
  const folded = raw.normalize('NFKC').replace(/\p{Cf}/gu, '');
  return folded == raw ? undefined : runPass(folded, field);
}

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

/** Every user-facing server string passes through this. */
export function redactTechnicalTerms(text: string, options?: RedactionOptions): RedactionResult {
  const category = options?.category;
  const kind: FallbackKind =
    options?.field == 'step' ? 'step' : category && Object.hasOwn(FALLBACK_REASONS, category) ? category : 'unknown';
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
    // Never throw: the stock sentence is always safe to show.
  }
  return { text: fallbackSentence(kind), fallback: kind, leaks };
}

/** True iff `redactTechnicalTerms` would report a leak for this text. */
export function containsTechnicalTerms(text: string, options?: RedactionOptions): boolean {
  return redactTechnicalTerms(text, options).leaks.length > 0;
}
