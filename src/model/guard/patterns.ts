/**
 * What the leak guard looks for: word lists and regular expressions (the passes that use them are in
 * redact-technical-terms.ts).
 *
 * Every expression is linear in the input: it matches literal text, or it can only start at the
 * beginning of a run of the characters it scans (a look-behind guard), or it scans a bounded
 * window. None has an unbounded repetition inside another.
 */

const words = (list: string): Set<string> => new Set(list.split(' '));

/** Separators people and programs put inside a tool name: "virt-v2v", "VIRT_V2V", "virt v2v", "virt.v2v". */
const SEP = '[-_ .]?';

// ---------------------------------------------------------------------------------------------
// Internal step ids
// ---------------------------------------------------------------------------------------------

/** Internal step id → friendly name, from the contract table (one "id=name" a line). */
export const STEP_NAMES = new Map(
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

/** The table's ids with more than one word, in kebab-case or snake_case, any case. */
export const INTERNAL_STEP_RE = new RegExp(
  `(?<![a-z\\d])(?:${[...STEP_NAMES.keys()]
    .filter((id) => id.includes('-'))
    .map((id) => id.replace(/-/g, '[-_]'))
    .join('|')})(?![a-z\\d])`,
  'gi',
);

/** Lowercase kebab-case runs: candidates for internal ids. */
export const KEBAB_RE = /(?<![\w-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w-])/g;

/** snake_case runs, any case ("failed_step_internal", "ERR_NOT_FOUND"): ordinary English never has them. */
export const SNAKE_RE = /(?<![\w-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w-])/gi;

/** Hyphenated English that a step field keeps: "re-run", "x-ray", "follow-up", "step-by-step". */
export const STEP_ENGLISH_RE = new RegExp(
  '^(?:(?:.|re|pre|non|post|co|self|un|sub|anti|semi|mid|ex|over|under|cross|inter|intra|well|ill|half|all|far|' +
    'near|long|short|high|low)-[^-]+|[^-]+-(?:in|on|up|out|off|only|based|like|free|wide|level|related|ready|safe|' +
    'aware|friendly|specific|time|known)|step-by-step|up-to-date|out-of-date|end-to-end|point-in-time|' +
    'state-of-the-art|peer-to-peer|day-to-day|one-to-one|one-on-one|side-by-side|out-of-band|in-band|read-write|' +
    'on-premises|on-prem)$',
);
/** A segment that makes a kebab run ordinary text: a number, or a function word ("state-of-the-art"). */
export const PLAIN_SEGMENT_RE =
  /(?<![^-])(?:\d+|a|an|the|and|or|nor|but|to|by|of|in|on|at|for|with|from|as|it|all|is|be|not|no)(?![^-])/;
/**
 * Segments that say "this is an operation id", for kebab runs inside ordinary text. Two are needed,
 * so a VM name like "db-primary-east" or "web-server-01" stays as it is.
 */
export const ID_WORDS = words(
  'volume volumes attach attachment detach detachment snapshot snapshots create creation delete deletion op ops ' +
    'operation step check sync validate validation power startup shutdown rollback cleanup failover replication ' +
    'replicate driver drivers injection inject network config configuration cloudstack ossea vmware disk disks ' +
    'resize mount unmount export import job task handler worker init prepare preparation verify convert conversion ' +
    'copy transfer migrate migration cbt nbd vm vma sna oma api daemon tracking ctx lun nic provision provisioning ' +
    'cutover discovery teardown',
);
/** Words an id's title case writes in capitals. */
export const ACRONYMS = words('vm cbt nbd ip nic os id dns dhcp vlan lun oma sna vma api cpu kvm uefi bios');

// ---------------------------------------------------------------------------------------------
// Tools and services
// ---------------------------------------------------------------------------------------------

/** virtio-win, virtio-win.iso, virtio-win-0.1.240.iso, VIRTIO_WIN → "driver package". */
export const DRIVER_PACKAGE_RE = new RegExp(`virt${SEP}io${SEP}win(?:[\\w-]|\\.(?=[\\w-]))*(?:[ \\t]+drivers?\\b)?`, 'gi');

/** "VirtIO drivers" → "KVM drivers" (not "KVM drivers drivers"). */
export const VIRTIO_DRIVERS_RE = new RegExp(`virt${SEP}io[ \\t]+drivers?\\b`, 'gi');

/**
 * The tool names, each with the separators it may be written with. A space is allowed only where
 * the two halves are no English phrase ("nbd kit", but not "guest mount").
 */
const TOOL_NAMES = [
  `virt${SEP}v2v`,
  `virt${SEP}io`,
  'virt[-_][a-z0-9]',
  `lib${SEP}guestfs`,
  'guest[-_.]?(?:fish|mount)',
  `nbd${SEP}kit`,
  'nbd[-_.]?(?:copy|info)',
  'lib[-_.]?nbd',
  `qemu${SEP}img`,
  'qemu[-_.]?nbd',
];

/** A whole identifier run that contains a tool name ("inject_virtio_drivers", "nbdkit-vddk-plugin"). */
export const TOOL_RUN_RE = new RegExp(`(?<![\\w-])[\\w-]*?(?:${TOOL_NAMES.join('|')})[\\w-]*`, 'gi');

export const SERVICE_RE = /(?<![\w-])(?:(?:volume-daemon|oma-api|sna-api|vma-api)(?![\w-])|migratekit-[a-z0-9-]*[a-z0-9])/gi;

// ---------------------------------------------------------------------------------------------
// Paths and files
// ---------------------------------------------------------------------------------------------

/** A whitespace-separated token with a slash or a backslash: the path pass looks at these only. */
export const SLASH_TOKEN_RE = /(?<!\S)[^\s/\\]*[/\\]\S*/g;
export const UNIX_PATH_RE = /\/[^/]+\//;
/** A path relative to the root, written without its first slash ("dev/vdc", "var/lib/oma"). */
export const RELATIVE_SYSTEM_PATH_RE = /^(?:dev|etc|var|usr|opt|proc|sys|tmp|mnt|sbin|srv)\/[\w.-]/i;
export const WINDOWS_PATH_RE = /^[A-Za-z]:\\|^\\\\|[\w.$~-]\\[\w.$~-]/;
export const URL_ORIGIN_RE = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i;

/**
 * File names, and source files only with a line number ("main.js:12"; "Node.js" is a word). A match
 * starts only at the beginning of a run of [\w.-] and scans the run lazily, so a run is scanned once.
 */
export const FILE_NAME_RE =
  /(?<![\w.-])[\w.-]*?[\w-]\.(?:(?:sh|bash|py|pyc|go|log|conf|cfg|ini|yaml|yml|json|xml|toml|txt|csv|env|iso|img|qcow2|vmdk|vmx|ovf|ova|exe|dll|sys|inf|cat|msi|ps1|psm1|bat|cmd|vbs|so|ko|pid|lock|sock|tmp|bak|db|sqlite|sql|gz|tgz|tar|zip|service|socket|timer)\b(?::\d+){0,2}|(?:js|mjs|cjs|ts|java|kt|rb|rs|c|cc|cpp|h|hpp|cs|php|pl|lua):\d+(?::\d+)?)/gi;

// ---------------------------------------------------------------------------------------------
// Network internals
// ---------------------------------------------------------------------------------------------

/** Domain endings that only exist inside a private network. */
const INTERNAL_SUFFIXES = 'internal|local|localdomain|lan|corp|intranet|intra|private|home\\.arpa';
const PORT = '(?::\\d{1,5})?';

/** An IPv4 address, with a port or without ("10.245.246.125:8082"); a version like "2.32" has too few parts. */
export const IPV4_RE = new RegExp(`(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}${PORT}(?!\\w|[.:]\\d)`, 'g');
/** An IPv6 address in brackets, as in URLs and logs ("[fe80::1]:8443"). */
export const IPV6_RE = new RegExp(`\\[[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\\]${PORT}`, 'gi');
/** A host name in a private domain ("oma-db01.prod.internal"), or localhost. */
export const INTERNAL_HOST_RE = new RegExp(
  `(?<![\\w.-])(?:(?:[a-z0-9][\\w-]*\\.)+(?:${INTERNAL_SUFFIXES})|localhost)${PORT}(?![\\w-]|\\.\\w)`,
  'gi',
);
/** A host name with a port ("oma-db01:5432", "oma:8082"); a time like "17:46" starts with a digit. */
export const HOST_PORT_RE = /(?<![\w.-])[a-z][\w-]*(?:\.[\w-]+)*:\d{2,5}(?!\w|[.:]\d)/gi;

export const IPV4_HOST_RE = /^(?:\d{1,3}\.){3}\d{1,3}$/;
export const INTERNAL_SUFFIX_RE = new RegExp(`\\.(?:${INTERNAL_SUFFIXES})\\.?$`, 'i');

// ---------------------------------------------------------------------------------------------
// Machine text that is never shown: the whole text becomes a fallback
// ---------------------------------------------------------------------------------------------

export const STACK_PATTERNS: readonly RegExp[] = [
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

/** SQL statements. Upper-case keywords are SQL by themselves; lower-case ones only in a statement's shape. */
export const SQL_PATTERNS: readonly RegExp[] = [
  /SELECT\s|\b(?:INSERT\s+INTO|DELETE\s+FROM)\b|\bUPDATE\s+[`"]?\w+[`"]?\s+SET\b|\bDuplicate entry '/,
  /\bselect\s+(?:\*|distinct\b|count\s*\()|\bselect\s[^;\n]{0,200}?\bfrom\s+[`"]?[a-z_][\w.]*[`"]?\s+where\b/i,
  /\binsert\s+into\s+[`"]?\w+[`"]?\s*(?:\(|values\b)|\bdelete\s+from\s+[`"]?\w+[`"]?\s+where\b/i,
  /\bupdate\s+[`"]?\w+[`"]?\s+set\s+[`"]?\w+[`"]?\s*=/i,
  // Schema statements: "DROP TABLE", "drop table if exists …" ("Create user accounts" is English, so CREATE in capitals only)
  /\b(?:drop|alter|truncate)\s+(?:table|index|database|schema|view|sequence|trigger|column)\b/i,
  /\bCREATE\s+(?:TABLE|INDEX|UNIQUE INDEX|DATABASE|SCHEMA|VIEW|SEQUENCE|TRIGGER|USER|ROLE)\b/,
  /\b(?:FROM|JOIN)\s+[`"]?\w+[`"]?\s+(?:WHERE|JOIN|ON|ORDER BY|GROUP BY|LIMIT)\b|\bVALUES\s*\(/,
  /(?<!\w)pq:|\bsql:\s|\bSQLSTATE\b|\bduplicate key value\b|\bviolates (?:unique|foreign key|not-null|check) constraint\b/i,
];

/** Database errors of any kind, from PostgreSQL, MySQL / MariaDB, SQLite and Oracle. */
export const DATABASE_PATTERNS: readonly RegExp[] = [
  /\b(?:relation|column|table|database|schema|role|index|sequence|function|type) "[^"\n]{0,200}" does not exist\b/i,
  /\bTable '[^'\n]{0,200}' doesn't exist\b|\bUnknown (?:column|table|database) '|\bno such (?:table|column):/i,
  /\bdeadlock detected\b|\bDeadlock found when trying\b|\bLock wait timeout exceeded\b/i,
  /\bsyntax error at or near\b|\berror in your SQL syntax\b|\bpassword authentication failed for user\b/i,
  /\bORA-\d{5}\b/,
  // MySQL / MariaDB: "Error 1062 (23000): Duplicate entry …", or the bare "Error 1146"
  /\bError [123]\d{3}(?: \([0-9A-Z]{5}\))?(?::|\.?\s*$)/,
];

/** A JSON object (or a Python dict) pasted into a message: '{"error": …', "{'error': …", '{\"error\": …'. */
export const JSON_PATTERNS: readonly RegExp[] = [/\{\s*\\?["'][^"'\\\n]{0,200}\\?["']\s*:/];

// ---------------------------------------------------------------------------------------------
// The score
// ---------------------------------------------------------------------------------------------

/** Words that are technical without being a leak themselves: they only weigh in the "mostly technical" score. */
export const JARGON = words(
  'nil null pointer dereference segfault sigsegv sigkill sigterm errno eof stderr stdout stdin exit exited status ' +
    'rc pid syscall ioctl enoent eacces eio enospc einval ebusy eperm dial tcp udp rpc grpc unmarshal marshal struct ' +
    'func mutex fd errorf wrapped nbd iscsi lvm ntfs bcd',
);
/** HTTP methods; "=" (key=value); hex numbers; snake_case identifiers. */
export const JARGON_RE = /=|^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|0[xX][\da-fA-F]+|[a-zA-Z\d]+(?:_[a-zA-Z\d]+)+)$/;

export const LETTER_RE = /\p{L}/u;
