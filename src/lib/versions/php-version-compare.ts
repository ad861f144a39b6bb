/**
 * PHP's version_compare(), which composer/semver's Comparator applies to normalized versions.
 *
 * A version is cut into parts at ".", "-", "_", "+" and wherever digits meet non-digits
 * ("1.0.0.0-beta2" -> 1 0 0 0 beta 2). Parts compare pairwise: numbers by value, words by their
 * rank in PHP's table of special forms (matched by prefix: "patch" ranks as "p"), a number ranking
 * between RC and pl. When one version runs out of parts, its next missing part counts as a
 * number of any value: "1.0" < "1.0.0", "1.0" > "1.0-beta", "1.0" < "1.0-patch1". (Composer pads
 * classical versions to four numeric parts, so the first case arises there only for dates.)
 */
import { type Ordering, compareDigits, sign } from './sign.js';

/** PHP's special forms, searched in this order by prefix; anything else ranks below "dev". */
const SPECIAL_FORMS: readonly (readonly [string, number])[] = [
  ['dev', 0], ['alpha', 1], ['a', 1], ['beta', 2], ['b', 2], ['RC', 3], ['rc', 3], ['#', 4], ['pl', 5], ['p', 5],
];
/** The rank PHP gives a number met against a word (its "#N#" marker). */
const NUMBER_RANK = 4;
const UNKNOWN_RANK = -1;

function rank(word: string): number {
  return SPECIAL_FORMS.find(([form]) => word.startsWith(form))?.[1] ?? UNKNOWN_RANK;
}

const isNumber = (part: string): boolean => /^\d/.test(part);

/** php_canonicalize_version followed by the split on ".": separators go, digit/letter runs part. */
export function phpVersionParts(version: string): string[] {
  return version.split(/[^0-9A-Za-z]+/).flatMap((chunk) => chunk.match(/\d+|[A-Za-z]+/g) ?? []);
}

function compareParts(a: string, b: string): Ordering {
  if (isNumber(a) && isNumber(b)) return compareDigits(a, b);
  const rankA = isNumber(a) ? NUMBER_RANK : rank(a);
  const rankB = isNumber(b) ? NUMBER_RANK : rank(b);
  return sign(rankA - rankB);
}

export function comparePhpVersions(a: string, b: string): Ordering {
  const x = phpVersionParts(a);
  const y = phpVersionParts(b);
  const shared = Math.min(x.length, y.length);
  for (let i = 0; i < shared; i++) {
    const c = compareParts(x[i] ?? '', y[i] ?? '');
    if (c !== 0) return c;
  }
  if (x.length > shared) return compareTail(x[shared] ?? '');
  if (y.length > shared) return sign(-compareTail(y[shared] ?? ''));
  return 0;
}

/**
 * The longer version against the shorter, by the longer one's next part: a number makes it
 * greater whatever its value (so "1.0.0" > "1.0"), a word is ranked against a number.
 */
function compareTail(next: string): Ordering {
  return isNumber(next) ? 1 : sign(rank(next) - NUMBER_RANK);
}
