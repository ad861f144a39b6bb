/**
 * Alpine apk versions, following apk-tools 3 (src/version.c semantics):
 *
 *   digits {.digits} [letter] {_suffix[digits]} [~commit-hash] [-r digits]   (hash: lowercase hex)
 *
 * Versions are compared token by token. Numbers compare by value, except that a dotted component
 * with a leading zero compares as a string (Gentoo rule: 1.01 < 1.1, 8.2.0015 < 8.2.002). Suffixes
 * order _alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p. When one version runs
 * out of tokens first, it is the older one unless the other continues with a pre-release suffix.
 *
 * Fuzzy matching ("~", "<~", ">~" in apk dependencies) accepts b as a prefix of a: 3.6.9 ~ 3.6.
 */
import { InvalidVersionError, checkLength } from './errors.js';
import { type Ordering, compareDigits, compareStrings } from './sign.js';

const ECOSYSTEM = 'apk';

/** The token kinds in the order the grammar allows them; the order itself is compared. */
const Kind = {
  InitialDigit: 0,
  Digit: 1,
  Letter: 2,
  Suffix: 3,
  SuffixNumber: 4,
  CommitHash: 5,
  Revision: 6,
  End: 7,
  Invalid: 8,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];

/** Suffix ranks; NONE (5) is the pivot between pre-release and post-release suffixes. */
const SUFFIX_RANK: Readonly<Record<string, number>> = { alpha: 1, beta: 2, pre: 3, rc: 4, cvs: 6, svn: 7, git: 8, hg: 9, p: 10 };
const SUFFIX_NONE = 5;

interface Token {
  readonly kind: Kind;
  /** The token text (digits, letter, suffix word, hash). */
  readonly text: string;
  readonly suffix: number;
}

export interface ApkOptions {
  /**
   * apk-tools compares even malformed versions token by token up to the first bad token (for
   * example 23_foo > 4_beta). Strict mode (the default) rejects them with InvalidVersionError.
   */
  readonly lenient?: boolean;
}

/** Splits a version into apk tokens; the last token is End or Invalid. */
export function tokenizeApk(version: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const digitsAt = (from: number): string => /^[0-9]*/.exec(version.slice(from))?.[0] ?? '';
  const first = digitsAt(0);
  let kind: Kind = first === '' ? Kind.Invalid : Kind.InitialDigit;
  tokens.push({ kind, text: first, suffix: 0 });
  pos = first.length;
  // Bound the walk: every loop iteration consumes at least one character or stops.
  while (kind < Kind.End) {
    const next = readToken(version, pos, kind, digitsAt);
    kind = next.token.kind;
    pos = next.pos;
    tokens.push(next.token);
  }
  return tokens;
}

function readToken(v: string, pos: number, prev: Kind, digitsAt: (from: number) => string): { token: Token; pos: number } {
  const invalid = { token: { kind: Kind.Invalid, text: '', suffix: 0 }, pos };
  if (pos >= v.length) return { token: { kind: Kind.End, text: '', suffix: 0 }, pos };
  const c = v.charAt(pos);
  if (c >= 'a' && c <= 'z') {
    if (prev > Kind.Digit) return invalid;
    return { token: { kind: Kind.Letter, text: c, suffix: 0 }, pos: pos + 1 };
  }
  if (c === '.' || (c >= '0' && c <= '9')) {
    if (c === '.' && prev > Kind.Digit) return invalid;
    const start = c === '.' ? pos + 1 : pos;
    let kind: Kind;
    if (prev === Kind.InitialDigit || prev === Kind.Digit) kind = Kind.Digit;
    else if (prev === Kind.Suffix) kind = Kind.SuffixNumber;
    else return invalid;
    const digits = digitsAt(start);
    if (digits === '') return { ...invalid, pos: start };
    return { token: { kind, text: digits, suffix: 0 }, pos: start + digits.length };
  }
  if (c === '_') {
    if (prev > Kind.SuffixNumber) return invalid;
    const word = /^[a-z]*/.exec(v.slice(pos + 1))?.[0] ?? '';
    const rank = SUFFIX_RANK[word];
    if (rank === undefined) return invalid;
    return { token: { kind: Kind.Suffix, text: word, suffix: rank }, pos: pos + 1 + word.length };
  }
  if (c === '~') {
    if (prev >= Kind.CommitHash) return invalid;
    const hash = /^[0-9a-f]*/.exec(v.slice(pos + 1))?.[0] ?? '';
    if (hash === '') return invalid;
    return { token: { kind: Kind.CommitHash, text: hash, suffix: 0 }, pos: pos + 1 + hash.length };
  }
  if (c === '-') {
    if (prev >= Kind.Revision || v.charAt(pos + 1) !== 'r') return invalid;
    const digits = digitsAt(pos + 2);
    if (digits === '') return invalid;
    return { token: { kind: Kind.Revision, text: digits, suffix: 0 }, pos: pos + 2 + digits.length };
  }
  return invalid;
}

export function isValidApk(version: string): boolean {
  if (version.length > 1024) return false;
  return tokenizeApk(version).at(-1)?.kind === Kind.End;
}

function parseChecked(version: string, options: ApkOptions): Token[] {
  checkLength(ECOSYSTEM, version, 'version');
  const tokens = tokenizeApk(version);
  if (options.lenient !== true && tokens.at(-1)?.kind !== Kind.End) {
    throw new InvalidVersionError(ECOSYSTEM, version, 'not of the form digits{.digits}[letter]{_suffix[n]}[~hash][-rN] (suffixes: alpha beta pre rc cvs svn git hg p)');
  }
  return tokens;
}

function compareToken(a: Token, b: Token): Ordering {
  switch (a.kind) {
    case Kind.Digit:
      if (a.text.startsWith('0') || b.text.startsWith('0')) return compareStrings(a.text, b.text);
      return compareDigits(a.text, b.text);
    case Kind.InitialDigit:
    case Kind.SuffixNumber:
    case Kind.Revision:
      return compareDigits(a.text, b.text);
    case Kind.Suffix:
      return a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0;
    default:
      return compareStrings(a.text, b.text);
  }
}

/** apk_version_compare_fuzzy(): with `fuzzy`, a version that extends b counts as equal to b. */
export function compareApkTokens(ta: readonly Token[], tb: readonly Token[], fuzzy: boolean): Ordering {
  const end: Token = { kind: Kind.End, text: '', suffix: 0 };
  let i = 0;
  for (;;) {
    const x = ta[i] ?? end;
    const y = tb[i] ?? end;
    if (x.kind !== y.kind || x.kind >= Kind.End) break;
    const r = compareToken(x, y);
    if (r !== 0) return r;
    i++;
  }
  const x = ta[i] ?? end;
  const y = tb[i] ?? end;
  if (x.kind === y.kind) return 0;
  if (y.kind === Kind.End && fuzzy) return 0;
  // The longer version is newer, unless what it continues with is a pre-release suffix.
  if (x.kind === Kind.Suffix && x.suffix < SUFFIX_NONE) return -1;
  if (y.kind === Kind.Suffix && y.suffix < SUFFIX_NONE) return 1;
  return x.kind > y.kind ? -1 : 1;
}

export function compareApk(a: string, b: string, options: ApkOptions = {}): Ordering {
  return compareApkTokens(parseChecked(a, options), parseChecked(b, options), false);
}

/** apk's fuzzy comparison: equal when b is a token prefix of a. */
export function compareApkFuzzy(a: string, b: string, options: ApkOptions = {}): Ordering {
  return compareApkTokens(parseChecked(a, options), parseChecked(b, options), true);
}
