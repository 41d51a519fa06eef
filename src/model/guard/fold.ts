/**
 * The spelling fold: a copy of a text in which a term hidden by its spelling reads as the term
 * again. The guard matches on this copy when the text as written shows nothing; what is shown is
 * never the fold of ordinary text, only the guard's replacements (see `analyse` in
 * redact-technical-terms.ts).
 *
 * Every step is one linear pass over the text (a regular expression without repetition inside
 * repetition, or String.prototype.normalize).
 */

/** Cyrillic and Greek letters that look like Latin ones (a small part of Unicode's confusables list). */
const LOOK_ALIKES = new Map<string, string>([
  // Cyrillic lower case
  ['а', 'a'], ['в', 'b'], ['е', 'e'], ['ё', 'e'], ['к', 'k'], ['м', 'm'], ['н', 'h'], ['о', 'o'], ['р', 'p'],
  ['с', 'c'], ['т', 't'], ['у', 'y'], ['х', 'x'], ['ѕ', 's'], ['і', 'i'], ['ї', 'i'], ['ј', 'j'], ['һ', 'h'],
  ['ԁ', 'd'], ['ԛ', 'q'], ['ԝ', 'w'], ['ѵ', 'v'], ['ӏ', 'l'],
  // Cyrillic upper case
  ['А', 'A'], ['В', 'B'], ['Е', 'E'], ['К', 'K'], ['М', 'M'], ['Н', 'H'], ['О', 'O'], ['Р', 'P'], ['С', 'C'],
  ['Т', 'T'], ['У', 'Y'], ['Х', 'X'], ['Ѕ', 'S'], ['І', 'I'], ['Ј', 'J'], ['Ԛ', 'Q'], ['Ԝ', 'W'], ['Ѵ', 'V'],
  ['Ӏ', 'I'],
  // Greek
  ['α', 'a'], ['β', 'b'], ['ε', 'e'], ['ι', 'i'], ['κ', 'k'], ['ν', 'v'], ['ο', 'o'], ['ρ', 'p'], ['τ', 't'],
  ['υ', 'u'], ['χ', 'x'], ['γ', 'y'], ['ϲ', 'c'], ['ϳ', 'j'],
  ['Α', 'A'], ['Β', 'B'], ['Ε', 'E'], ['Ζ', 'Z'], ['Η', 'H'], ['Ι', 'I'], ['Κ', 'K'], ['Μ', 'M'], ['Ν', 'N'],
  ['Ο', 'O'], ['Ρ', 'P'], ['Τ', 'T'], ['Υ', 'Y'], ['Χ', 'X'], ['Ϲ', 'C'],
  // Latin letters that NFKC leaves alone
  ['ı', 'i'], ['ɑ', 'a'], ['ɡ', 'g'], ['ℓ', 'l'],
]);
const LOOK_ALIKE_RE = new RegExp(`[${[...LOOK_ALIKES.keys()].join('')}]`, 'g');

/** Invisible characters that NFKC keeps and \p{Cf} does not cover (Hangul fillers, braille blank). */
const INVISIBLE_RE = /[\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]/gu;
/** Hyphens, dashes and the minus sign that stand in for "-". */
const DASH_RE = /[\u2010-\u2015\u2043\u2212\u2796\uFE58\uFE63\uFF0D]/g;
/** Slashes and backslashes that stand in for "/" and "\". */
const SLASH_RE = /[\u2044\u2215\u29F8\uFF0F]/g;
const BACKSLASH_RE = /[\u2216\u29F5\u29F9\uFE68\uFF3C]/g;
/** URL-encoding of printable ASCII ("%2F" → "/"). */
const PERCENT_RE = /%(2[0-9a-f]|[3-6][0-9a-f]|7[0-9a-e])/gi;
/** JSON and JavaScript escapes of printable ASCII ("\u002f" → "/", "\/" → "/"). */
const UNICODE_ESCAPE_RE = /\\u00(2[0-9a-f]|[3-6][0-9a-f]|7[0-9a-e])/gi;
const ESCAPED_SLASH_RE = /\\\//g;

const fromHex = (_match: string, hex: string): string => String.fromCharCode(parseInt(hex, 16));

/**
 * The text as the guard matches it: compatibility forms (NFKC: full-width letters, ligatures),
 * accents and other combining marks removed, invisible characters removed, dashes and slashes
 * unified, Cyrillic and Greek look-alikes folded to Latin, URL and JSON escapes decoded.
 * Case and separators are left to the patterns.
 */
export function foldSpelling(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(INVISIBLE_RE, '')
    .replace(DASH_RE, '-')
    .replace(SLASH_RE, '/')
    .replace(BACKSLASH_RE, '\\')
    .replace(LOOK_ALIKE_RE, (letter) => LOOK_ALIKES.get(letter) ?? letter)
    .replace(PERCENT_RE, fromHex)
    .replace(UNICODE_ESCAPE_RE, fromHex)
    .replace(ESCAPED_SLASH_RE, '/');
}
