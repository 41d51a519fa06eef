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

// ---------------------------------------------------------------------------------------------
// Friendly words
// ---------------------------------------------------------------------------------------------

/** Internal step id → friendly name, from the contract table. */
const STEP_NAMES: ReadonlyMap<string, string> = new Map([
  ['virtio-driver-injection', 'Preparing Drivers for Compatibility'],
  ['cloudstack-snapshot-creation', 'Creating Backup Snapshots'],
  ['multi-volume-snapshot-creation', 'Creating Backup Snapshots'],
  ['vm-creation', 'Creating Destination VM'],
  ['volume-attachment', 'Attaching Storage Volumes'],
  ['network-configuration', 'Configuring Network Adapters'],
  ['validation', 'Pre-flight Validation'],
  ['source-vm-power-off', 'Powering Off Source VM'],
  ['final-sync', 'Final Data Synchronization'],
  ['vm-startup-and-validation', 'Starting and Validating VM'],
  ['test-vm-deletion', 'Removing Test VM'],
  ['cloudstack-snapshot-rollback', 'Rolling Back to Backup'],
]);

/** The hyphenated ids of the table, longest first (so a longer id wins over one it contains). */
export const INTERNAL_STEP_IDS: readonly string[] = [...STEP_NAMES.keys()]
  .filter((id) => id.includes('-'))
  .sort((a, b) => b.length - a.length);

const FRIENDLY = {
  inPlace: 'driver preparation',
  v2v: 'driver injection tool',
  virtio: 'KVM drivers',
  driverPackage: 'driver package',
  diskTool: 'disk conversion tool',
  storageVolume: 'storage volume',
  systemFile: 'system file',
  server: 'the server',
  migrationService: 'migration service',
  storageService: 'storage service',
  systemService: 'system service',
} as const;

const FALLBACK_SENTENCES: Readonly<Record<FallbackKind, string>> = {
  compatibility: "We couldn't finish because of a compatibility problem with the VM.",
  network: "We couldn't finish because of a network problem.",
  storage: "We couldn't finish because of a storage problem.",
  platform: "We couldn't finish because of a problem on the migration platform.",
  connectivity: "We couldn't finish because a system the migration depends on could not be reached.",
  configuration: "We couldn't finish because of a configuration problem.",
  unknown: "We couldn't finish because of an unexpected problem.",
  step: 'A migration step',
};

/** Internal step id (e.g. 'virtio-driver-injection') → friendly name from the contract table, or undefined. */
export function friendlyStepName(internalId: string): string | undefined {
  if (typeof internalId !== 'string') return undefined;
  const key = internalId.trim().toLowerCase().replace(/_/g, '-');
  return STEP_NAMES.get(key);
}

/** English stock sentence for a fallback kind ("We couldn't finish because of a compatibility problem with the VM." etc.). */
export function fallbackSentence(kind: FallbackKind): string {
  return Object.prototype.hasOwnProperty.call(FALLBACK_SENTENCES, kind)
    ? FALLBACK_SENTENCES[kind]
    : FALLBACK_SENTENCES.unknown;
}

// ---------------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------------

/** Forbidden outright: the text becomes a stock sentence. */
const STACK_PATTERNS: readonly RegExp[] = [
  /goroutine/i,
  /traceback/i,
  /\bpanic:/,
  /\bruntime error:/,
  /\[signal SIG[A-Z]+/,
  /\bException in thread\b/i,
  /\bCaused by: [\w$.]+(?:Exception|Error)\b/,
  /\bstack ?trace\b/i,
  // JS / Java frames: "at foo (file.js:1:2)", "at com.x.Y.z(Y.java:12)"
  /\bat [^\s()]+ ?\([^()\s]*:\d+(?::\d+)?\)/,
  // JS frames without a function: "    at /app/file.js:10:5"
  /(?:^|\n)[ \t]*at [^\n]*:\d+:\d+\)?[ \t]*(?=\n|$)/,
  // Python frames
  /\bFile "[^"\n]*", line \d+/,
  // Go frames
  /\.go:\d+ \+0x[0-9a-f]+/,
  // java.lang.NullPointerException and friends
  /(?<![\w$.])(?:[a-z_$][\w$]*\.){2,}[A-Z][\w$]*(?:Exception|Error)\b/,
];

const SQL_PATTERNS: readonly RegExp[] = [
  /SELECT\s/,
  /\bselect\s+(?:\*|distinct\b|count\s*\()/i,
  /\bselect\s[^;\n]{0,200}?\bfrom\s+[`"]?[a-z_][\w.]*[`"]?\s+where\b/i,
  /\bINSERT\s+INTO\b/,
  /\binsert\s+into\s+[`"]?\w+[`"]?\s*(?:\(|values\b)/i,
  /\bUPDATE\s+[`"]?\w+[`"]?\s+SET\b/,
  /\bupdate\s+[`"]?\w+[`"]?\s+set\s+[`"]?\w+[`"]?\s*=/i,
  /\bDELETE\s+FROM\b/,
  /\bdelete\s+from\s+[`"]?\w+[`"]?\s+where\b/i,
  /(?<!\w)pq:/i,
  /\bsql:\s/i,
  /\bSQLSTATE\b/i,
  /\bduplicate key value\b/i,
  /\bviolates (?:unique|foreign key|not-null|check) constraint\b/i,
  /\bDuplicate entry '/,
  // MySQL / MariaDB: "Error 1062 (23000): Duplicate entry …"
  /\bError [123]\d{3}(?: \([0-9A-Z]{5}\))?:/,
];

/** virtio-win, virtio-win.iso, virtio-win-0.1.240.iso → "driver package". */
const DRIVER_PACKAGE_RE = /virtio[-_ ]?win(?:[\w-]|\.(?=[\w-]))*(?:[ \t]+drivers?\b)?/gi;

const FILE_EXTENSIONS =
  'sh|bash|py|pyc|go|log|conf|cfg|ini|yaml|yml|json|xml|toml|txt|csv|env|iso|img|qcow2|vmdk|vmx|ovf|ova|' +
  'exe|dll|sys|inf|cat|msi|ps1|psm1|bat|cmd|vbs|so|ko|pid|lock|sock|tmp|bak|db|sqlite|sql|gz|tgz|tar|zip|' +
  'service|socket|timer';
/** Source files are only file names with a line number ("main.js:12"); "Node.js" is a word. */
const SOURCE_EXTENSIONS = 'js|mjs|cjs|ts|java|kt|rb|rs|c|cc|cpp|h|hpp|cs|php|pl|lua';
/**
 * File names: starts only at the beginning of a run of [\w.-], then scans the run lazily, so a run
 * is scanned once.
 */
const FILE_NAME_RE = new RegExp(
  `(?<![\\w.-])[\\w.-]*?[\\w-]\\.(?:(?:${FILE_EXTENSIONS})\\b(?::\\d+){0,2}|(?:${SOURCE_EXTENSIONS}):\\d+(?::\\d+)?)`,
  'gi',
);
const SERVICE_EXTENSION_RE = /\.(?:service|socket|timer)$/i;

const INTERNAL_STEP_RE = new RegExp(`(?<![A-Za-z0-9])(?:${INTERNAL_STEP_IDS.join('|')})(?![A-Za-z0-9])`, 'gi');

/** "VirtIO drivers" → "KVM drivers" (not "KVM drivers drivers"). */
const VIRTIO_DRIVERS_RE = /virtio[ \t]+drivers?\b/gi;

const TOOL_NAMES =
  'virt-v2v-in-place|virt-v2v|virtio|virt-[a-z0-9]+|libguestfs|guestfish|guestmount|nbdkit|nbdcopy|nbdinfo|libnbd|qemu-img|qemu-nbd';
/** A whole identifier run that contains a tool name ("inject_virtio_drivers", "nbdkit-vddk-plugin"). */
const TOOL_RUN_RE = new RegExp(`(?<![\\w-])[\\w-]*?(?:${TOOL_NAMES})[\\w-]*`, 'gi');

const SERVICE_RE =
  /(?<![\w-])(?:(?:volume-daemon|oma-api|sna-api|vma-api)(?![\w-])|migratekit-[a-z0-9-]*[a-z0-9])/gi;

/** Lowercase kebab-case runs: candidates for internal ids. */
const KEBAB_RE = /(?<![\w-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w-])/g;

/** Words that make a kebab run ordinary English ("step-by-step", "up-to-date", "state-of-the-art"). */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'nor', 'but', 'to', 'by', 'of', 'in', 'on', 'at', 'for', 'with',
  'from', 'as', 'it', 'all', 'is', 'be', 'not', 'no',
]);
const ENGLISH_PREFIXES = new Set([
  're', 'pre', 'non', 'post', 'co', 'self', 'un', 'sub', 'anti', 'semi', 'mid', 'ex', 'over', 'under',
  'cross', 'inter', 'intra', 'well', 'ill', 'half', 'all', 'far', 'near', 'long', 'short', 'high', 'low',
]);
const ENGLISH_SUFFIXES = new Set([
  'in', 'on', 'up', 'out', 'off', 'only', 'based', 'like', 'free', 'wide', 'level', 'related', 'ready',
  'safe', 'aware', 'friendly', 'specific', 'time', 'known',
]);
/**
 * Segments that say "this is an operation id", for kebab runs inside ordinary text. Two are needed,
 * so a VM name like "db-primary-east" or "web-server-01" stays as it is.
 */
const ID_VOCABULARY = new Set([
  'volume', 'volumes', 'attach', 'attachment', 'detach', 'detachment', 'snapshot', 'snapshots', 'create',
  'creation', 'delete', 'deletion', 'op', 'ops', 'operation', 'step', 'check', 'sync', 'validate',
  'validation', 'power', 'startup', 'shutdown', 'rollback', 'cleanup', 'failover', 'replication',
  'replicate', 'driver', 'drivers', 'injection', 'inject', 'network', 'config', 'configuration',
  'cloudstack', 'ossea', 'vmware', 'disk', 'disks', 'resize', 'mount', 'unmount', 'export', 'import',
  'job', 'task', 'handler', 'worker', 'init', 'prepare', 'preparation', 'verify', 'convert', 'conversion',
  'copy', 'transfer', 'migrate', 'migration', 'cbt', 'nbd', 'vm', 'vma', 'sna', 'oma', 'api', 'daemon',
  'tracking', 'ctx', 'lun', 'nic', 'provision', 'provisioning', 'cutover', 'discovery', 'teardown',
]);
const ACRONYMS = new Map([
  ['vm', 'VM'], ['vms', 'VMs'], ['cbt', 'CBT'], ['nbd', 'NBD'], ['ip', 'IP'], ['nic', 'NIC'], ['os', 'OS'],
  ['id', 'ID'], ['dns', 'DNS'], ['dhcp', 'DHCP'], ['vlan', 'VLAN'], ['lun', 'LUN'], ['oma', 'OMA'],
  ['sna', 'SNA'], ['vma', 'VMA'], ['api', 'API'], ['cpu', 'CPU'], ['kvm', 'KVM'], ['uefi', 'UEFI'],
  ['bios', 'BIOS'],
]);

/** Words that are technical without being a leak themselves: they only weigh in the "mostly technical" score. */
const JARGON = new Set([
  'nil', 'null', 'pointer', 'dereference', 'segfault', 'sigsegv', 'sigkill', 'sigterm', 'errno', 'eof',
  'stderr', 'stdout', 'stdin', 'exit', 'exited', 'status', 'rc', 'pid', 'syscall', 'ioctl', 'enoent',
  'eacces', 'eio', 'enospc', 'einval', 'ebusy', 'eperm', 'dial', 'tcp', 'udp', 'rpc', 'grpc', 'unmarshal',
  'marshal', 'struct', 'func', 'mutex', 'fd', 'errorf', 'wrapped', 'nbd', 'iscsi', 'lvm', 'ntfs', 'bcd',
]);
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

// Markers stand in for replacements while the passes run, so a later pass never re-reads a friendly
// word, and the score can tell replaced tokens from the rest. They use private-use characters; any
// such character in the input is first turned into U+FFFD (same length, so no new term can form).
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const DIGIT_BASE = 0xe010;
const PRIVATE_MARKS_RE = /[\uE000-\uE0FF]/g;
const MARKER_RE = /\uE000([\uE010-\uE01F]+)\uE001/g;
const MARKER_SPLIT_RE = /(\uE000[\uE010-\uE01F]+\uE001)/;

const LEADING_PUNCTUATION = '([{<"\'`';
const TRAILING_PUNCTUATION = ')]}>"\'`.,:;!?';

const MAX_REPORTED_LEAKS = 25;
const MAX_MATCH_LENGTH = 160;
const MAX_EXTRA_PASSES = 3;

// ---------------------------------------------------------------------------------------------
// One pass
// ---------------------------------------------------------------------------------------------

interface Slot {
  text: string;
  technical: boolean;
}

interface PassResult {
  output: string;
  findings: LeakFinding[];
  /** A stack trace or SQL: never shown, whatever else the text says. */
  hard: boolean;
  mostlyTechnical: boolean;
}

class Pass {
  readonly slots: Slot[] = [];
  readonly findings: LeakFinding[] = [];
  private readonly seen = new Set<string>();
  /** Findings other than internal step ids, counted with repeats. */
  technicalCount = 0;
  count = 0;
  hard = false;

  report(kind: LeakKind, match: string): void {
    this.count++;
    if (kind !== 'internal-step') this.technicalCount++;
    if (this.findings.length >= MAX_REPORTED_LEAKS) return;
    const clipped = match.length > MAX_MATCH_LENGTH ? `${match.slice(0, MAX_MATCH_LENGTH)}…` : match;
    const key = `${kind}\u0000${clipped}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push({ kind, match: clipped });
  }

  mark(kind: LeakKind, match: string, replacement: string): string {
    this.report(kind, match);
    const index = this.slots.push({ text: replacement, technical: kind !== 'internal-step' }) - 1;
    let digits = '';
    for (const digit of index.toString(16)) digits += String.fromCharCode(DIGIT_BASE + parseInt(digit, 16));
    return MARK_OPEN + digits + MARK_CLOSE;
  }

  slot(marker: string): Slot | undefined {
    let index = 0;
    for (const char of marker) {
      const code = char.charCodeAt(0);
      if (code >= DIGIT_BASE && code < DIGIT_BASE + 16) index = index * 16 + (code - DIGIT_BASE);
    }
    return this.slots[index];
  }
}

function clip(text: string): string {
  return text.length > MAX_MATCH_LENGTH ? text.slice(0, MAX_MATCH_LENGTH) : text;
}

/** [start, end) of a token without its surrounding punctuation. Plain loops: no regex backtracking. */
function coreBounds(token: string): [number, number] {
  let start = 0;
  let end = token.length;
  while (start < end && LEADING_PUNCTUATION.includes(token.charAt(start))) start++;
  while (end > start && TRAILING_PUNCTUATION.includes(token.charAt(end - 1))) end--;
  return [start, end];
}

const UNIX_PATH_RE = /\/[^/]+\//;
const WINDOWS_PATH_RE = /^[A-Za-z]:\\|^\\\\|[\w.$~-]\\[\w.$~-]/;
const URL_ORIGIN_RE = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i;
const LETTER_RE = /\p{L}/u;

/** Paths are found token by token: a token with two slashes around a name, or a Windows path. */
function replacePaths(text: string, pass: Pass): string {
  return text.replace(/\S+/g, (token) => {
    if (!token.includes('/') && !token.includes('\\')) return token;
    const [start, end] = coreBounds(token);
    const core = token.slice(start, end);
    if (!core) return token;
    const lower = core.toLowerCase();
    const unix = UNIX_PATH_RE.test(core) && LETTER_RE.test(core);
    let replacement: string | undefined;
    if (unix) {
      const origin = URL_ORIGIN_RE.exec(core)?.[0];
      const kind: LeakKind = lower.includes('/dev/') ? 'device-path' : lower.includes('/api/') ? 'api-path' : 'file-path';
      if (origin && kind !== 'device-path' && !UNIX_PATH_RE.test(origin)) {
        replacement = pass.mark(kind, clip(core), origin);
      } else {
        const word = kind === 'device-path' ? FRIENDLY.storageVolume : kind === 'api-path' ? FRIENDLY.server : FRIENDLY.systemFile;
        replacement = pass.mark(kind, clip(core), word);
      }
    } else if (WINDOWS_PATH_RE.test(core)) {
      replacement = pass.mark('file-path', clip(core), FRIENDLY.systemFile);
    }
    return replacement === undefined ? token : token.slice(0, start) + replacement + token.slice(end);
  });
}

function toolWord(run: string): string {
  const lower = run.toLowerCase();
  if (lower.includes('virt-v2v-in-place')) return FRIENDLY.inPlace;
  if (lower.includes('virt-v2v')) return FRIENDLY.v2v;
  if (lower.includes('virtio')) return FRIENDLY.virtio;
  return FRIENDLY.diskTool;
}

function titleCase(id: string): string {
  return id
    .split('-')
    .map((word) => ACRONYMS.get(word) ?? word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

const ENGLISH_COMPOUNDS = new Set([
  'step-by-step', 'up-to-date', 'out-of-date', 'end-to-end', 'point-in-time', 'state-of-the-art',
  'peer-to-peer', 'day-to-day', 'one-to-one', 'one-on-one', 'side-by-side', 'out-of-band', 'in-band',
  'e-mail', 'x-ray', 'follow-up', 'set-up', 'built-in', 'plug-in', 'add-on', 'opt-in', 'opt-out',
  'read-only', 'write-only', 'read-write', 'on-premises', 'on-prem', 'real-time', 'run-time', 'long-running',
]);

/** Is a lowercase kebab run an internal id rather than ordinary English? */
function isKebabId(run: string, field: RedactionField | undefined): boolean {
  if (ENGLISH_COMPOUNDS.has(run)) return false;
  const segments = run.split('-');
  const first = segments[0] ?? '';
  const last = segments[segments.length - 1] ?? '';
  if (field === 'step') {
    if (segments.length === 2) {
      if (first.length === 1 || ENGLISH_PREFIXES.has(first) || ENGLISH_SUFFIXES.has(last)) return false;
    }
    return segments.some((segment) => /[a-z]/.test(segment) && segment.length > 1);
  }
  // Inside ordinary text: only a clear id (three or more segments of words, two of them id words).
  if (segments.length < 3) return false;
  if (segments.some((segment) => !/[a-z]/.test(segment) || FUNCTION_WORDS.has(segment))) return false;
  return segments.filter((segment) => ID_VOCABULARY.has(segment)).length >= 2;
}

function isJargon(token: string): boolean {
  const [start, end] = coreBounds(token);
  const core = token.slice(start, end);
  if (!core) return false;
  if (HTTP_METHODS.has(core)) return true;
  const lower = core.toLowerCase();
  if (JARGON.has(lower)) return true;
  if (/^0x[0-9a-f]+$/.test(lower)) return true;
  if (core.includes('=')) return true;
  // snake_case identifiers
  return /^[a-z0-9]+(?:_[a-z0-9]+)+$/.test(lower);
}

/** Reports the first pattern that matches (one finding per kind is enough to file the bug). */
function hasAny(text: string, patterns: readonly RegExp[], pass: Pass, kind: LeakKind): boolean {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) {
      pass.report(kind, clip(match[0].trim()));
      return true;
    }
  }
  return false;
}

/** Markers → friendly words; the same word twice in a row ("system file system file") once. */
function materialize(marked: string, pass: Pass): string {
  const parts = marked.split(MARKER_SPLIT_RE);
  let out = '';
  let pending = '';
  let lastWord: string | undefined;
  parts.forEach((part, index) => {
    if (index % 2 === 0) {
      if (lastWord !== undefined && /^\s*$/.test(part)) {
        pending += part;
      } else {
        out += pending + part;
        pending = '';
        lastWord = undefined;
      }
      return;
    }
    const word = pass.slot(part)?.text ?? '';
    if (lastWord === word && pending !== '') {
      pending = '';
      return;
    }
    out += pending + word;
    pending = '';
    lastWord = word;
  });
  out += pending;
  return tidy(out);
}

function tidy(text: string): string {
  return text
    .replace(/\(\s*\)|\[\s*\]|\{\s*\}/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

function score(marked: string, pass: Pass): { technical: number; plain: number } {
  let technical = 0;
  let plain = 0;
  for (const token of marked.split(/\s+/)) {
    if (!token) continue;
    const markers = token.match(MARKER_RE);
    if (markers) {
      if (markers.some((marker) => pass.slot(marker)?.technical)) technical++;
      else plain++;
    } else if (isJargon(token)) {
      technical++;
    } else if (LETTER_RE.test(token)) {
      plain++;
    }
  }
  return { technical, plain };
}

function runPass(text: string, field: RedactionField | undefined): PassResult {
  const pass = new Pass();
  const stack = hasAny(text, STACK_PATTERNS, pass, 'stack-trace');
  const sql = hasAny(text, SQL_PATTERNS, pass, 'sql');
  pass.hard = stack || sql;

  let marked = replacePaths(text, pass);
  marked = marked.replace(DRIVER_PACKAGE_RE, (match) => pass.mark('tool-name', match, FRIENDLY.driverPackage));
  marked = marked.replace(FILE_NAME_RE, (match) =>
    SERVICE_EXTENSION_RE.test(match)
      ? pass.mark('service-name', match, FRIENDLY.systemService)
      : pass.mark('file-path', match, FRIENDLY.systemFile),
  );
  marked = marked.replace(INTERNAL_STEP_RE, (match) =>
    pass.mark('internal-step', match, STEP_NAMES.get(match.toLowerCase()) ?? titleCase(match.toLowerCase())),
  );
  marked = marked.replace(VIRTIO_DRIVERS_RE, (match) => pass.mark('tool-name', match, FRIENDLY.virtio));
  marked = marked.replace(TOOL_RUN_RE, (match) => pass.mark('tool-name', clip(match), toolWord(match)));
  marked = marked.replace(SERVICE_RE, (match) =>
    pass.mark(
      'service-name',
      match,
      match.toLowerCase() === 'volume-daemon' ? FRIENDLY.storageService : FRIENDLY.migrationService,
    ),
  );
  marked = marked.replace(KEBAB_RE, (match) =>
    isKebabId(match, field) ? pass.mark('internal-step', match, titleCase(match)) : match,
  );
  if (marked.trim() === 'validation') {
    marked = pass.mark('internal-step', 'validation', STEP_NAMES.get('validation') ?? 'Validation');
  }

  if (pass.count === 0) return { output: text, findings: [], hard: false, mostlyTechnical: false };

  const { technical, plain } = score(marked, pass);
  const colonChain = (marked.match(/:\s/g) ?? []).length;
  const mostlyTechnical =
    pass.hard ||
    pass.technicalCount >= 3 ||
    (pass.technicalCount >= 1 && (colonChain >= 2 || plain === 0 || technical > plain));

  return { output: materialize(marked, pass), findings: pass.findings, hard: pass.hard, mostlyTechnical };
}

/** Unicode look-alikes and invisible characters hidden inside a term ("ｖｉｒｔｉｏ", "vir\u200Btio"). */
function skeleton(text: string): string {
  return text.normalize('NFKC').replace(/\p{Cf}/gu, '');
}

function analyse(text: string, field: RedactionField | undefined): PassResult | undefined {
  const raw = text.replace(PRIVATE_MARKS_RE, '\uFFFD');
  const direct = runPass(raw, field);
  if (direct.findings.length > 0) return direct;
  const folded = skeleton(raw);
  if (folded === raw) return undefined;
  const hidden = runPass(folded, field);
  return hidden.findings.length > 0 ? hidden : undefined;
}

function fallbackResult(kind: FallbackKind, leaks: LeakFinding[]): RedactionResult {
  return { text: fallbackSentence(kind), fallback: kind, leaks };
}

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

/** Every user-facing server string passes through this. */
export function redactTechnicalTerms(text: string, options?: RedactionOptions): RedactionResult {
  const field = options?.field;
  const category = options?.category;
  const kind: FallbackKind =
    field === 'step'
      ? 'step'
      : category && Object.prototype.hasOwnProperty.call(FALLBACK_SENTENCES, category)
        ? category
        : 'unknown';
  try {
    if (typeof text !== 'string' || text.trim() === '') return { text: '', leaks: [] };
    const first = analyse(text, field);
    if (!first) return { text, leaks: [] };
    const leaks = first.findings;
    if (first.hard || first.mostlyTechnical || !first.output) return fallbackResult(kind, leaks);
    // A replacement can, in theory, bring two harmless pieces together into a new term: check again.
    let output = first.output;
    for (let round = 0; round < MAX_EXTRA_PASSES; round++) {
      const again = analyse(output, field);
      if (!again) return { text: output, leaks };
      if (again.hard || !again.output) break;
      output = again.output;
    }
    return fallbackResult(kind, leaks);
  } catch {
    return fallbackResult(kind, []);
  }
}

/** True iff `redactTechnicalTerms` would report a leak for this text. */
export function containsTechnicalTerms(text: string, options?: RedactionOptions): boolean {
  return redactTechnicalTerms(text, options).leaks.length > 0;
}
