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
];

/** Each input with a short label for reports (its repeating unit). */
export const adversarialTexts: readonly { label: string; text: string }[] = inputs.map(([label, text]) => ({ label, text }));
