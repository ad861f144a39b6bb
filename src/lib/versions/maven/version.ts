/**
 * Maven versions: parsing a version string into ComparableVersion's item tree, and ordering.
 *
 * Every string is a Maven version (Maven never rejects one); only empty strings, control
 * characters and overlong input are refused here, as they cannot come from a real POM.
 */
import { InvalidVersionError, checkLength } from '../errors.js';
import type { Ordering } from '../sign.js';
import { hasControlCharacter } from '../text.js';
import { compareLegacyItem, parseLegacyMaven } from './legacy.js';
import { type Item, type ListItem, combinationItem, compareItem, isNullItem, itemToString, numberItem, stringItem } from './items.js';

const ECOSYSTEM = 'maven';

function isAsciiDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** ComparableVersion#parseVersion as a single left-to-right scan. */
/**
 * Maven itself refuses longer versions: every "-" nests a list, so depth and comparison cost grow
 * with the length, and no real artifact version comes near this.
 */
const MAX_MAVEN_VERSION_LENGTH = 256;

export function parseMaven(input: string): ListItem {
  checkLength(ECOSYSTEM, input, 'version');
  if (input.length > MAX_MAVEN_VERSION_LENGTH) {
    throw new InvalidVersionError(ECOSYSTEM, input, `longer than ${MAX_MAVEN_VERSION_LENGTH} characters (Maven's own limit)`);
  }
  if (input.trim() === '') throw new InvalidVersionError(ECOSYSTEM, input, 'version string is empty');
  if (hasControlCharacter(input)) throw new InvalidVersionError(ECOSYSTEM, input, 'version contains control characters');
  const version = input.toLowerCase();
  const root: ListItem = { kind: 'list', items: [] };
  const lists: ListItem[] = [root];
  let list = root;
  const openList = (): void => {
    const child: ListItem = { kind: 'list', items: [] };
    list.items.push(child);
    list = child;
    lists.push(child);
  };
  const item = (combination: boolean, digit: boolean, text: string): Item =>
    combination ? combinationItem(text.replaceAll('-', '')) : digit ? numberItem(text) : stringItem(text, false);
  let isDigit = false;
  let isCombination = false;
  let start = 0;
  for (let i = 0; i < version.length; i++) {
    const c = version.charAt(i);
    if (c === '.') {
      list.items.push(i === start ? numberItem('0') : item(isCombination, isDigit, version.slice(start, i)));
      isCombination = false;
      start = i + 1;
    } else if (c === '-') {
      if (i === start) {
        list.items.push(numberItem('0'));
      } else {
        // "X-1" reads as "X1": the number belongs to the qualifier before it.
        if (!isDigit && i !== version.length - 1 && /\p{Nd}/u.test(version.charAt(i + 1))) {
          isCombination = true;
          continue;
        }
        list.items.push(item(isCombination, isDigit, version.slice(start, i)));
      }
      start = i + 1;
      if (list.items.length > 0) openList();
      isCombination = false;
    } else if (isAsciiDigit(c)) {
      if (!isDigit && i > start) {
        isCombination = true; // "X1"
        if (list.items.length > 0) openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(item(isCombination, true, version.slice(start, i)));
        start = i;
        openList();
        isCombination = false;
      }
      isDigit = false;
      // A surrogate pair is one character: skip its second half.
      if (c >= '\uD800' && c <= '\uDBFF' && i + 1 < version.length) i++;
    }
  }
  if (version.length > start) {
    // "1.0.0.X1" < "1.0.0-X2": a trailing ".X" qualifier is treated like "-X".
    if (!isDigit && list.items.length > 0) openList();
    list.items.push(item(isCombination, isDigit, version.slice(start)));
  }
  for (let k = lists.length - 1; k >= 0; k--) {
    const l = lists[k];
    if (l !== undefined) normalize(l);
  }
  return root;
}

/** ListItem#normalize: drop null items (0, "", empty lists) that are followed by a qualifier or nothing. */
function normalize(list: ListItem): void {
  const items = list.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const current = items[i];
    if (current === undefined || !isNullItem(current)) continue;
    const next = items[i + 1];
    if (next === undefined || next.kind === 'string') {
      items.splice(i, 1);
    } else if (next.kind === 'list') {
      const head = next.items[0];
      if (head !== undefined && (head.kind === 'combination' || head.kind === 'string')) items.splice(i, 1);
    }
  }
  const only = items[0];
  if (items.length === 1 && only?.kind === 'list') {
    // Removing a zero prefix must not leave an extra nesting level.
    items.splice(0, 1, ...only.items);
  }
}

export interface MavenOptions {
  /** Order like the Maven 3 ComparableVersion before 3.9 (see legacy.ts) instead of current Maven. */
  readonly legacy?: boolean;
}

export function compareMaven(a: string, b: string, options: MavenOptions = {}): Ordering {
  const x = parseMaven(a);
  const y = parseMaven(b);
  if (options.legacy === true) return compareLegacyItem(parseLegacyMaven(a), parseLegacyMaven(b));
  return compareItem(x, y);
}

/** ComparableVersion#getCanonical(). */
export function canonicalMaven(version: string): string {
  return itemToString(parseMaven(version));
}
