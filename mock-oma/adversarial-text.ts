/**
 * Hostile server text: 100 KB inputs shaped to make the leak guard's patterns backtrack (long
 * runs of the characters they match, near-misses of paths, stack frames and SQL). The guard's
 * test checks that each one comes out plain; `npm run bench` times it on each (docs/performance.md).
 */
const size = 100_000;

const inputs: [label: string, text: string][] = [
  ['a', 'a'.repeat(size)],
  ['a.', 'a.'.repeat(size / 2)],
  ['... /x/y', '.'.repeat(size) + '/x/y'],
  ['/a', '/a'.repeat(size / 2)],
  ['a-', 'a-'.repeat(size / 2)],
  ['-a', '-a'.repeat(size / 2)],
  ['at x (', 'at x ('.repeat(size / 6)],
  ['SELECT ', 'SELECT '.repeat(size / 7)],
  ['select ', 'select '.repeat(size / 7)],
  ['virtio ', 'virtio '.repeat(size / 7)],
  ['x/dev/vdc y.sh virt-v2v ', 'x/dev/vdc y.sh virt-v2v '.repeat(size / 25)],
  ['a\\', 'a\\'.repeat(size / 2)],
  ['\\n at x:1', '\n at x:1'.repeat(size / 8)],
  ['a. … Exception', 'a.'.repeat(size / 2) + 'Exception'],
  ['ab-cd-', 'ab-cd-'.repeat(size / 6)],
  ['(" … /a/b', '("'.repeat(size / 2) + '/a/b'],
  ['the quick brown fox ', 'the quick brown fox '.repeat(size / 20)],
  ['Check /var/log/oma.log now. ', 'Check /var/log/oma.log now. '.repeat(size / 28)],
  // The spelling fold: escapes, invisible characters, accents and look-alikes, everywhere.
  ['%2F', '%2F'.repeat(size / 3)],
  ['%2Fdev%2Fvdc ', '%2Fdev%2Fvdc '.repeat(size / 13)],
  ['\\/', '\\/'.repeat(size / 2)],
  ['a\u200B', 'a\u200B'.repeat(size / 2)],
  ['vir\u200Btio /dev/vdc ', 'vir\u200Btio /dev/vdc '.repeat(size / 19)],
  ['a\u0301', 'a\u0301'.repeat(size / 2)],
  ['\u0456', '\u0456'.repeat(size)],
  // Separators inside tool names, and snake_case ids.
  ['virt ', 'virt '.repeat(size / 5)],
  ['virt_', 'virt_'.repeat(size / 5)],
  ['nbd ', 'nbd '.repeat(size / 4)],
  ['a_', 'a_'.repeat(size / 2)],
  ['VIRT_V2V qemu_img ', 'VIRT_V2V qemu_img '.repeat(size / 18)],
  // Relative paths, addresses and host names, and their near misses.
  ['dev/', 'dev/'.repeat(size / 4)],
  ['1.2.3.', '1.2.3.'.repeat(size / 6)],
  ['1.', '1.'.repeat(size / 2)],
  ['[0:0:', '[0:0:'.repeat(size / 5)],
  ['a:1', 'a:1'.repeat(size / 3)],
  ['a.b:', 'a.b:'.repeat(size / 4)],
  ['a-b. … .internal', 'a-b.'.repeat(size / 4) + 'internal'],
  ['dial tcp 10.245.246.125:8082: ', 'dial tcp 10.245.246.125:8082: '.repeat(size / 30)],
  // Database errors and JSON, and their near misses.
  ['DROP ', 'DROP '.repeat(size / 5)],
  ['relation "', 'relation "'.repeat(size / 10)],
  ['Error 1146 ', 'Error 1146 '.repeat(size / 11)],
  ['{"', '{"'.repeat(size / 2)],
  ['{"a… (no colon)', ('{"' + 'a'.repeat(198) + '"').repeat(size / 201)],
];

/** Each input with a short label for reports (its repeating unit). */
export const adversarialTexts: readonly { label: string; text: string }[] = inputs.map(([label, text]) => ({ label, text }));
