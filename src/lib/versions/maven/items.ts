/**
 * The item tree of Maven's ComparableVersion (the "version order specification" of the POM
 * reference), as data plus one comparison function.
 *
 * A version is a list of items: numbers, qualifier strings, "combinations" of a qualifier and a
 * number (alpha2, rc-1), and nested lists that start at a "-" or at a digit/letter transition.
 * Well-known qualifiers order alpha < beta < milestone < rc = cr < snapshot < "" = ga = final =
 * release < sp; unknown qualifiers sort after all of them, lexically.
 */
import { type Ordering, compareDigits, sign } from '../sign.js';

export type Item =
  | { readonly kind: 'number'; readonly digits: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'combination'; readonly word: StringItem; readonly number: Item }
  | { readonly kind: 'list'; readonly items: Item[] };

export type StringItem = Extract<Item, { kind: 'string' }>;
export type ListItem = Extract<Item, { kind: 'list' }>;

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_QUALIFIERS = new Set(['ga', 'final', 'release']);
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

export function numberItem(digits: string): Item {
  const stripped = digits.replace(/^0+/, '');
  return { kind: 'number', digits: stripped === '' ? '0' : stripped };
}

/** A qualifier; a single a/b/m directly followed by a number abbreviates alpha/beta/milestone. */
export function stringItem(value: string, followedByDigit: boolean): StringItem {
  let v = value;
  if (followedByDigit && v.length === 1) v = v === 'a' ? 'alpha' : v === 'b' ? 'beta' : v === 'm' ? 'milestone' : v;
  return { kind: 'string', value: v === 'cr' ? 'rc' : v };
}

/** "alpha2" -> (alpha, 2): the word up to the first digit, the rest as a number. */
export function combinationItem(text: string): Item {
  const digitAt = text.search(/\p{Nd}/u);
  const index = digitAt < 0 ? 0 : digitAt;
  return { kind: 'combination', word: stringItem(text.slice(0, index), true), number: numberItem(text.slice(index)) };
}

/** Known qualifiers map to their rank, unknown ones after all of them: compared as strings. */
function comparableQualifier(q: string): string {
  if (RELEASE_QUALIFIERS.has(q)) return RELEASE_INDEX;
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

/** Java's String.compareTo: UTF-16 code unit order. */
function javaCompare(a: string, b: string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isNullItem(item: Item): boolean {
  switch (item.kind) {
    case 'number': return item.digits === '0';
    case 'string': return item.value === '';
    case 'combination': return false;
    case 'list': return item.items.length === 0;
  }
}

/** Item.compareTo(other), where `undefined` stands for a missing item (padding). */
export function compareItem(a: Item, b: Item | undefined): Ordering {
  switch (a.kind) {
    case 'number': return compareNumber(a.digits, b);
    case 'string': return compareString(a, b);
    case 'combination': return compareCombination(a, b);
    case 'list': return compareList(a, b);
  }
}

function compareNumber(digits: string, b: Item | undefined): Ordering {
  if (b === undefined) return digits === '0' ? 0 : 1; // 1.0 == 1, 1.1 > 1
  if (b.kind === 'number') return compareDigits(digits, b.digits);
  return 1; // a number beats qualifiers and sub-lists: 1.1 > 1-sp, 1.1 > 1-1
}

function compareString(a: StringItem, b: Item | undefined): Ordering {
  if (b === undefined) return javaCompare(comparableQualifier(a.value), RELEASE_INDEX); // 1-rc < 1, 1-sp > 1
  switch (b.kind) {
    case 'number': return -1;
    case 'string': return javaCompare(comparableQualifier(a.value), comparableQualifier(b.value));
    case 'combination': {
      const r = compareString(a, b.word);
      if (r !== 0) return r;
      return compareString(a, undefined) === 0 ? negate(compareItem(b.number, undefined)) : -1;
    }
    case 'list': return negate(compareList(b, a));
  }
}

function compareCombination(a: Extract<Item, { kind: 'combination' }>, b: Item | undefined): Ordering {
  if (b === undefined) {
    const r = compareString(a.word, undefined);
    return r === 0 ? compareItem(a.number, undefined) : r;
  }
  switch (b.kind) {
    case 'number': return -1;
    case 'string': {
      const r = compareString(a.word, b);
      if (r !== 0) return r;
      return compareString(a.word, undefined) === 0 ? compareItem(a.number, undefined) : 1; // X1 > X
    }
    case 'list': return negate(compareList(b, a));
    case 'combination': return compareString(a.word, b.word) || compareItem(a.number, b.number);
  }
}

function compareList(a: ListItem, b: Item | undefined): Ordering {
  if (b === undefined) {
    for (const item of a.items) {
      const r = compareItem(item, undefined);
      if (r !== 0) return r;
    }
    return 0;
  }
  switch (b.kind) {
    case 'number': return -1; // 1-1 < 1.0.x
    case 'string':
    case 'combination': {
      const [first, ...rest] = a.items;
      let r: Ordering = first === undefined ? negate(compareItem(b, undefined)) : compareItem(first, b);
      for (const item of rest) {
        if (r !== 0) break;
        r = compareItem(item, undefined);
      }
      return r;
    }
    case 'list': {
      const n = Math.max(a.items.length, b.items.length);
      for (let i = 0; i < n; i++) {
        const l = a.items[i];
        const r = b.items[i];
        const c = l === undefined ? (r === undefined ? 0 : negate(compareItem(r, undefined))) : compareItem(l, r);
        if (c !== 0) return c;
      }
      return 0;
    }
  }
}

function negate(o: Ordering): Ordering {
  return sign(-o);
}

/** ComparableVersion#getCanonical(): the normalised tree printed back. */
export function itemToString(item: Item): string {
  switch (item.kind) {
    case 'number': return item.digits;
    case 'string': return item.value;
    case 'combination': return itemToString(item.word) + itemToString(item.number);
    case 'list':
      return item.items.map((child, i) => (i === 0 ? '' : child.kind === 'list' ? '-' : '.') + itemToString(child)).join('');
  }
}
