/**
 * ComparableVersion as Maven 3 shipped it for years (checked pair by pair against maven-artifact
 * 3.2.5), before the qualifier rework of 3.9 (MNG-7644, "combination" items, "release" as a release
 * alias). Tools that embed the older class, and data sets derived from them, still order versions
 * this way: 2.0.a < 2.0.0.a and 2-1 < 2.0.a, where current Maven finds 2.0.a == 2.0.0.a.
 *
 * Differences to version.ts: a qualifier after "." stays in the same list; only trailing null items
 * are normalised away; a sub-list is greater than a qualifier; a missing item compares with the
 * first item of a list only.
 */
import type { Ordering } from '../sign.js';
import { compareDigits, sign } from '../sign.js';
import { type Item, type ListItem, isNullItem, numberItem, stringItem } from './items.js';

type LegacyItem = Exclude<Item, { kind: 'combination' }>;

function legacyString(value: string, followedByDigit: boolean): LegacyItem {
  const item = stringItem(value, followedByDigit);
  // "ga" and "final" were aliases of the release; "release" was not yet one.
  return { kind: 'string', value: item.value === 'ga' || item.value === 'final' ? '' : item.value };
}

export function parseLegacyMaven(input: string): ListItem {
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
  const item = (digit: boolean, text: string): LegacyItem => (digit ? numberItem(text) as LegacyItem : legacyString(text, false));
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < version.length; i++) {
    const c = version.charAt(i);
    if (c === '.' || c === '-') {
      list.items.push(i === start ? numberItem('0') : item(isDigit, version.slice(start, i)));
      start = i + 1;
      if (c === '-') openList();
    } else if (/\p{Nd}/u.test(c)) {
      if (!isDigit && i > start) {
        list.items.push(legacyString(version.slice(start, i), true));
        start = i;
        openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(item(true, version.slice(start, i)));
        start = i;
        openList();
      }
      isDigit = false;
    }
  }
  if (version.length > start) list.items.push(item(isDigit, version.slice(start)));
  for (let k = lists.length - 1; k >= 0; k--) {
    const l = lists[k];
    if (l !== undefined) normalizeTrailing(l);
  }
  return root;
}

/** Drops trailing null items (0, "", empty lists), looking through trailing sub-lists. */
function normalizeTrailing(list: ListItem): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const last = list.items[i];
    if (last === undefined) continue;
    if (isNullItem(last)) list.items.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];

function qualifierKey(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

const RELEASE = qualifierKey('');

function cmpStr(a: string, b: string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareLegacyItem(a: Item, b: Item | undefined): Ordering {
  switch (a.kind) {
    case 'number':
      if (b === undefined) return a.digits === '0' ? 0 : 1;
      return b.kind === 'number' ? compareDigits(a.digits, b.digits) : 1;
    case 'string':
      if (b === undefined) return cmpStr(qualifierKey(a.value), RELEASE);
      return b.kind === 'string' ? cmpStr(qualifierKey(a.value), qualifierKey(b.value)) : -1;
    case 'list': {
      if (b === undefined) {
        const first = a.items[0];
        return first === undefined ? 0 : compareLegacyItem(first, undefined);
      }
      if (b.kind === 'number') return -1;
      if (b.kind !== 'list') return 1; // 1-1 > 1-sp
      const n = Math.max(a.items.length, b.items.length);
      for (let i = 0; i < n; i++) {
        const l = a.items[i];
        const r = b.items[i];
        const c = l === undefined ? (r === undefined ? 0 : sign(-compareLegacyItem(r, undefined))) : compareLegacyItem(l, r);
        if (c !== 0) return c;
      }
      return 0;
    }
    case 'combination':
      return 0; // never produced by parseLegacyMaven
  }
}
