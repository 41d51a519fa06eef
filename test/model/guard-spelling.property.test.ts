import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { containsTechnicalTerms, redactTechnicalTerms } from '../../src/model/guard/redact-technical-terms.js';
import { ERROR_CATEGORIES } from '../../src/model/operation.js';

/**
 * Forbidden things in random disguises (case, separators, invisible characters, look-alike letters,
 * accents, URL-encoding), spliced into plain sentences: none may come out, however it is spelled.
 * The check folds the output on its own, written apart from the module's fold.
 */

const TOOLS = ['virt-v2v', 'virt-v2v-in-place', 'virtio', 'qemu-img', 'nbd-kit', 'lib-guestfs'];
const OTHERS = [
  '/dev/vdc',
  '10.245.246.125:8082',
  'oma-db01.prod.internal',
  'DROP TABLE jobs',
  'relation "jobs" does not exist',
  '{"error": "x"}',
  'failed_step_internal',
  'virtio-driver-injection',
];
const SEPARATORS = ['-', '_', '', ' ', '.', '\u2010', '\u2212'];
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
const LOOK_ALIKES: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', i: 'і', x: 'х', y: 'у' };

const PLAIN_WORDS = ['the', 'disk', 'could', 'not', 'be', 'attached', 'retry', 'VM', 'failed', 'on', 'guest', 'storage'];

/** Each character of a term, possibly in another case, with a look-alike, an accent or an invisible character after it. */
const disguiseLetters = (term: string): fc.Arbitrary<string> =>
  fc
    .array(fc.nat({ max: 9 }), { minLength: term.length, maxLength: term.length })
    .map((dice) =>
      [...term]
        .map((char, index) => {
          const die = dice[index];
          if (die == 0) return char.toUpperCase();
          if (die == 1) return LOOK_ALIKES[char] ?? char;
          if (die == 2 && /[a-z]/i.test(char)) return char + '\u0301';
          if (die == 3 && index > 0) return INVISIBLE[index % INVISIBLE.length] + char;
          if (die == 4 && char == '/') return '%2F';
          return char;
        })
        .join(''),
    );

const tool = fc
  .tuple(fc.constantFrom(...TOOLS), fc.constantFrom(...SEPARATORS))
  .map(([name, separator]) => name.replace(/-/g, separator))
  .chain(disguiseLetters);
const other = fc.constantFrom(...OTHERS).chain(disguiseLetters);

const sentence = fc
  .tuple(fc.array(fc.constantFrom(...PLAIN_WORDS), { minLength: 1, maxLength: 8 }), fc.oneof(tool, other), fc.nat())
  .map(([words, term, at]) => {
    const position = at % (words.length + 1);
    return [...words.slice(0, position), term, ...words.slice(position)].join(' ');
  });

function looseFold(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .replace(/[аеорсіху]/g, (char) => 'aeopcixy'.charAt('аеорсіху'.indexOf(char)))
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/%2F/gi, '/')
    .toLowerCase();
}

function forbiddenIn(output: string): string | undefined {
  const folded = looseFold(output);
  const compact = folded.replace(/[-_ .\u2010\u2212]/g, '');
  for (const word of ['virtv2v', 'virtio', 'qemuimg', 'nbdkit', 'libguestfs']) if (compact.includes(word)) return word;
  const hit = /\/dev\/|\d+\.\d+\.\d+\.\d+|\.internal|drop table|does not exist|\{"|_/.exec(folded);
  return hit?.[0];
}

const options = fc.record(
  {
    category: fc.constantFrom(...ERROR_CATEGORIES),
    field: fc.constantFrom('message' as const, 'step' as const, 'name' as const, 'action' as const),
  },
  { requiredKeys: [] },
);

describe('redactTechnicalTerms (properties of spelling)', () => {
  it('lets no disguised term through, reports it, and is stable', () => {
    fc.assert(
      fc.property(sentence, options, (input, opts) => {
        const result = redactTechnicalTerms(input, opts);
        const left = forbiddenIn(result.text);
        expect(left, `${JSON.stringify(left)} left in ${JSON.stringify(result.text)} from ${JSON.stringify(input)}`).to.equal(
          undefined,
        );
        expect(result.leaks.length, `no leak reported for ${JSON.stringify(input)}`).to.be.above(0);
        expect(containsTechnicalTerms(result.text, opts), `still technical: ${JSON.stringify(result.text)}`).to.equal(false);
        if (result.fallback) expect(result.text).to.equal('');
      }),
      { numRuns: 500 },
    );
  });
});
