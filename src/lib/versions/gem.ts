/**
 * RubyGems versions and requirements (Gem::Version / Gem::Requirement semantics).
 *
 * A version is digits followed by dot-separated alphanumeric parts; "-" is shorthand for ".pre.".
 * Segments are the runs of digits and of letters ("1.0.a10" -> 1, 0, "a", 10). A letter segment
 * makes a prerelease and sorts before any number; trailing zeros of the release part and of the
 * prerelease part are insignificant (1.0 == 1, 1.0.a == 1.a).
 *
 * Requirements: "[op] version" with op one of = != > < >= <= ~> (default =), several joined with
 * "," and all of them must hold. "~> 2.2" means ">= 2.2, < 3" (the last segment of the release is
 * dropped and the one before it bumped); "~> 2.2.0" means ">= 2.2.0, < 2.3".
 */
import { InvalidRangeError, InvalidVersionError, checkLength } from './errors.js';
import { type Ordering, compareDigits, compareStrings } from './sign.js';

const ECOSYSTEM = 'gem';
const VERSION_BODY = '[0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?';
const VERSION = new RegExp(`^\\s*(${VERSION_BODY})?\\s*$`);
const REQUIREMENT = new RegExp(`^\\s*(=|!=|>=|<=|>|<|~>)?\\s*(${VERSION_BODY})\\s*$`);

/** A segment is a number (as its digit string) or a word. */
type Segment = { readonly n: string } | { readonly s: string };

export interface GemVersion {
  readonly text: string;
  readonly segments: readonly Segment[];
}

export function parseGem(input: string): GemVersion {
  checkLength(ECOSYSTEM, input, 'version');
  const m = VERSION.exec(input);
  if (m === null) throw new InvalidVersionError(ECOSYSTEM, input, 'expected digits followed by dot-separated alphanumeric parts (like 1.2.3 or 2.0.0.rc1)');
  const text = (m[1] ?? '0').replaceAll('-', '.pre.');
  return { text, segments: segmentsOf(text) };
}

function segmentsOf(text: string): Segment[] {
  return (text.match(/[0-9]+|[a-z]+/gi) ?? []).map((part) => (/^[0-9]/.test(part) ? { n: part } : { s: part }));
}

export function isGemPrerelease(input: string): boolean {
  return /[a-zA-Z]/.test(parseGem(input).text);
}

const isZero = (seg: Segment): boolean => 'n' in seg && /^0+$/.test(seg.n);

/** Gem::Version#canonical_segments: trailing zeros dropped from the release and prerelease parts. */
function canonicalSegments(v: GemVersion): Segment[] {
  const firstWord = v.segments.findIndex((seg) => 's' in seg);
  const release = firstWord < 0 ? [...v.segments] : v.segments.slice(0, firstWord);
  const pre = firstWord < 0 ? [] : v.segments.slice(firstWord);
  const trim = (list: Segment[]): Segment[] => {
    let end = list.length;
    while (end > 0 && isZero(list[end - 1] ?? { s: '' })) end--;
    return list.slice(0, end);
  };
  return [...trim(release), ...trim(pre)];
}

const ZERO: Segment = { n: '0' };

function compareParsed(x: GemVersion, y: GemVersion): Ordering {
  const a = canonicalSegments(x);
  const b = canonicalSegments(y);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const p = a[i] ?? ZERO;
    const q = b[i] ?? ZERO;
    if ('n' in p && 'n' in q) {
      const d = compareDigits(p.n, q.n);
      if (d !== 0) return d;
    } else if ('s' in p && 's' in q) {
      const d = compareStrings(p.s, q.s);
      if (d !== 0) return d;
    } else {
      return 's' in p ? -1 : 1;
    }
  }
  return 0;
}

export function compareGem(a: string, b: string): Ordering {
  return compareParsed(parseGem(a), parseGem(b));
}

/** Gem::Version#release: a prerelease without its letter segments and everything after them. */
function releaseOf(v: GemVersion): GemVersion {
  const firstWord = v.segments.findIndex((seg) => 's' in seg);
  if (firstWord < 0) return v;
  const segments = v.segments.slice(0, firstWord);
  return { text: segments.map((seg) => ('n' in seg ? seg.n : seg.s)).join('.'), segments };
}

/** Gem::Version#bump: drop letter segments, drop the last one (if more than one), add one. */
function bump(v: GemVersion): GemVersion {
  const numbers = releaseOf(v).segments.flatMap((seg) => ('n' in seg ? [seg.n] : []));
  if (numbers.length > 1) numbers.pop();
  const last = numbers.pop() ?? '0';
  numbers.push((BigInt(last) + 1n).toString());
  return { text: numbers.join('.'), segments: numbers.map((n) => ({ n })) };
}

type GemOperator = '=' | '!=' | '>' | '<' | '>=' | '<=' | '~>';

export interface GemRequirement {
  readonly op: GemOperator;
  readonly version: GemVersion;
}

/** Parses one requirement like "~> 1.2" or "1.0" (Gem::Requirement.parse). */
export function parseGemRequirement(input: string): GemRequirement {
  checkLength(ECOSYSTEM, input, 'range');
  const m = REQUIREMENT.exec(input);
  if (m === null) throw new InvalidRangeError(ECOSYSTEM, input, 'expected [= != > < >= <= ~>] followed by a version');
  return { op: (m[1] ?? '=') as GemOperator, version: parseGem(m[2] ?? '') };
}

function satisfiesOne(v: GemVersion, r: GemRequirement): boolean {
  const c = compareParsed(v, r.version);
  switch (r.op) {
    case '=': return c === 0;
    case '!=': return c !== 0;
    case '>': return c > 0;
    case '<': return c < 0;
    case '>=': return c >= 0;
    case '<=': return c <= 0;
    case '~>': return c >= 0 && compareParsed(releaseOf(v), bump(r.version)) < 0;
  }
}

/** Gem::Requirement#satisfied_by? over "," separated requirements (all must hold). */
export function satisfiesGem(version: string, range: string): boolean {
  checkLength(ECOSYSTEM, range, 'range');
  const requirements = range.split(',').map((part) => parseGemRequirement(part));
  const v = parseGem(version);
  return requirements.every((r) => satisfiesOne(v, r));
}
