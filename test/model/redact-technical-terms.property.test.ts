import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { containsTechnicalTerms, redactTechnicalTerms } from '../../src/model/guard/redact-technical-terms.js';
import { ERROR_CATEGORIES } from '../../src/model/operation.js';

/**
 * The forbidden list, written from the contract and independently of the module's own patterns.
 * (SQL is checked as the upper-case keyword: "select a VM" is ordinary English.)
 */
const STEP_IDS = [
  'virtio-driver-injection',
  'cloudstack-snapshot-creation',
  'multi-volume-snapshot-creation',
  'vm-creation',
  'volume-attachment',
  'network-configuration',
  'source-vm-power-off',
  'final-sync',
  'vm-startup-and-validation',
  'test-vm-deletion',
  'cloudstack-snapshot-rollback',
];
const FORBIDDEN = new RegExp(
  [
    'virt-v2v',
    'virtio',
    'libguestfs',
    'nbdkit',
    'qemu-img',
    '/dev/',
    '\\w\\.sh\\b',
    '\\w\\.go:',
    '\\w\\.py\\b',
    'goroutine',
    'traceback',
    '/api/v1',
    `(?<![A-Za-z0-9])(?:${STEP_IDS.join('|')})(?![A-Za-z0-9])`,
  ].join('|'),
  'i',
);

function leakIn(text: string): string | undefined {
  const hit = FORBIDDEN.exec(text) ?? /SELECT\s/.exec(text);
  if (hit) return hit[0];
  // a path: two slashes around a name, in a token with letters
  return text.split(/\s+/).find((token) => /\/[^/]+\//.test(token) && /[A-Za-z]/.test(token));
}

const PLAIN_WORDS = [
  'the', 'disk', 'could', 'not', 'be', 'attached', 'retry', 'failover', 'VM', 'network', 'check', 'driver',
  'installation', 'failed', 'compatibility', 'issue', 'Windows-based', 're-run', 'pre-flight', 'step-by-step',
  'storage', 'volume', 'select', 'from', 'Try', 'live', 'OMA', 'VMware', 'at', 'in', 'error', '26.4', 'GB',
  'non-Windows', 'KVM', 'status', '-', '(no', 'modification)',
];

const TERMS = [
  'virt-v2v', 'virt-v2v-in-place', 'VirtIO', 'virtio', 'virtio-win.iso', 'virtio-win-0.1.240.iso', 'libguestfs',
  'nbdkit', 'qemu-img', '/dev/vdc', '/dev/sdb1', '/dev/nvme0n1p1', '/dev/', '/var/log/migratekit/oma.log',
  '/opt/migratekit/bin/helper', '/usr/bin/virt-v2v-in-place', 'C:\\Windows\\System32\\drivers\\viostor.sys',
  'inject_virtio_drivers.sh', 'handler.go:223', 'convert.py', 'oma.log', '/api/v1/failover',
  'http://oma:8082/api/v1/vm-contexts', 'volume-daemon', 'oma-api', 'sna-api', 'migratekit-oma',
  'migratekit-oma.service', 'goroutine 1 [running]:', 'panic: runtime error', 'Traceback (most recent call last)',
  'at foo (file.js:1:2)', 'Exception in thread "main"', 'SELECT * FROM vm_contexts', 'INSERT INTO jobs',
  'pq: duplicate key value', ...STEP_IDS, 'validation', 'cloudstack-volume-attach-op',
];

const PUNCTUATION = ['', '', '', '.', ',', ':', ';', '(', ')', '"', "'", '!', '?', '/', '-', '_', '[', ']'];
const SEPARATORS = [' ', ' ', ' ', '  ', '\n', '\t', '', '-', '/', '\u00a0'];

/** Random upper/lower case, letter by letter. */
const randomCase = (word: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((flags) => [...word].map((char, index) => (flags[index] ? char.toUpperCase() : char.toLowerCase())).join(''));

const term = fc.constantFrom(...TERMS).chain((value) => fc.oneof(fc.constant(value), randomCase(value)));
const plain = fc.constantFrom(...PLAIN_WORDS);
const piece = fc
  .tuple(fc.constantFrom(...PUNCTUATION), fc.oneof({ weight: 3, arbitrary: plain }, { weight: 2, arbitrary: term }), fc.constantFrom(...PUNCTUATION))
  .map(([before, word, after]) => before + word + after);
const mixed = fc
  .array(fc.tuple(piece, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 14 })
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''));

/** A plain sentence with a term spliced in at a random place, even in the middle of a word. */
const spliced = fc
  .tuple(fc.array(plain, { minLength: 1, maxLength: 10 }), term, fc.nat())
  .map(([words, inserted, at]) => {
    const sentence = words.join(' ');
    const position = at % (sentence.length + 1);
    return sentence.slice(0, position) + inserted + sentence.slice(position);
  });

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom('/', '\\', '.', '-', 'a', 'v', ' ', 'sh', ':')), maxLength: 60 }),
);
/** Random text with terms thrown in. */
const noisy = fc
  .tuple(anyText, term, anyText, mixed)
  .map(([a, inserted, b, c]) => a + inserted + b + c);

const options = fc.record(
  {
    category: fc.constantFrom(...ERROR_CATEGORIES),
    field: fc.constantFrom('message' as const, 'step' as const, 'name' as const, 'action' as const),
  },
  { requiredKeys: [] },
);

function checkOutput(input: string, opts: Parameters<typeof redactTechnicalTerms>[1]): void {
  const result = redactTechnicalTerms(input, opts);
  expect(result.text, 'text').to.be.a('string');
  expect(result.leaks, 'leaks').to.be.an('array');
  const leak = leakIn(result.text);
  expect(leak, `${JSON.stringify(leak)} left in ${JSON.stringify(result.text)} from ${JSON.stringify(input)}`).to.equal(
    undefined,
  );
  expect(containsTechnicalTerms(result.text), `still technical: ${JSON.stringify(result.text)}`).to.equal(false);
  expect(containsTechnicalTerms(result.text, opts), `still technical: ${JSON.stringify(result.text)}`).to.equal(false);
  if (leakIn(input) !== undefined) {
    expect(result.leaks.length, `no leak reported for ${JSON.stringify(input)}`).to.be.above(0);
  }
  if (result.leaks.length > 0) {
    expect(result.text, 'doubled spaces').not.to.match(/ {2}/);
    expect(result.text, 'empty brackets').not.to.match(/\(\s*\)/);
  } else {
    expect(result.text, 'plain text is returned unchanged').to.equal(input.trim() === '' ? '' : input);
  }
  if (result.fallback !== undefined) {
    expect(result.leaks.length, 'a fallback comes with its leaks').to.be.above(0);
  }
}

describe('redactTechnicalTerms (properties)', () => {
  it('never lets a forbidden term through text mixing plain words and terms', () => {
    fc.assert(
      fc.property(mixed, options, (input, opts) => checkOutput(input, opts)),
      { numRuns: 300 },
    );
  });

  it('never lets a term spliced anywhere into a sentence through', () => {
    fc.assert(
      fc.property(spliced, options, (input, opts) => checkOutput(input, opts)),
      { numRuns: 300 },
    );
  });

  it('never throws and never leaks on random strings, with or without terms', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, noisy), options, (input, opts) => checkOutput(input, opts)),
      { numRuns: 300 },
    );
  });

  it('returns plain sentences unchanged', () => {
    fc.assert(
      fc.property(fc.array(plain, { minLength: 1, maxLength: 12 }), options, (words, opts) => {
        const sentence = words.join(' ');
        expect(redactTechnicalTerms(sentence, opts)).to.deep.equal({ text: sentence, leaks: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('is stable: redacting the output again changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(mixed, spliced), options, (input, opts) => {
        const once = redactTechnicalTerms(input, opts);
        if (!once.text) return;
        expect(redactTechnicalTerms(once.text, opts)).to.deep.equal({ text: once.text, leaks: [] });
      }),
      { numRuns: 300 },
    );
  });
});
