/**
 * Go module versions: semantic versions with a mandatory "v" (golang.org/x/mod/semver semantics).
 *
 * "v1" and "v1.2" are shorthands for v1.0.0 and v1.2.0 (but take no pre-release or build suffix);
 * build metadata, including "+incompatible", is ignored for ordering; pseudo-versions
 * (v0.0.0-20191109021931-daa7c04131f5, vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef) are ordinary
 * pre-releases, so they sort by their timestamp exactly as the go command sorts them.
 *
 * OSV writes Go versions without the "v" ("1.20.1"); the default accepts both spellings. With
 * `strict`, only x/mod's own form is valid. With `lenient`, comparison follows x/mod's Compare:
 * an invalid version is less than every valid one and equal to every other invalid one.
 */
import { InvalidVersionError, checkLength } from './errors.js';
import { type Ordering, compareDigits, compareStrings } from './sign.js';

export interface GoOptions {
  /** Require the leading "v" as golang.org/x/mod does (default: OSV-style "1.2.3" is also accepted). */
  readonly strict?: boolean;
  /** x/mod Compare semantics for invalid versions instead of InvalidVersionError. */
  readonly lenient?: boolean;
}

export interface GoVersion {
  readonly major: string;
  readonly minor: string;
  readonly patch: string;
  /** Dot-separated identifiers, without the leading "-"; empty for a release. */
  readonly prerelease: readonly string[];
  readonly build: string;
  /** True for "v1" / "v1.2" shorthands. */
  readonly short: boolean;
}

const ECOSYSTEM = 'go';
const NUMBER = '(0|[1-9][0-9]*)';
const IDENT = '[0-9A-Za-z-]+';
const FULL = new RegExp(`^v${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+(${IDENT}(?:\\.${IDENT})*))?$`);
const SHORT = new RegExp(`^v${NUMBER}(?:\\.${NUMBER})?$`);

/** Parses per x/mod; returns undefined when invalid. */
export function tryParseGo(input: string, options: GoOptions = {}): GoVersion | undefined {
  if (input.length > 1024) return undefined;
  const text = options.strict !== true && /^[0-9]/.test(input) ? `v${input}` : input;
  const full = FULL.exec(text);
  if (full) {
    const [, major = '', minor = '', patch = '', pre, build] = full;
    const prerelease = pre === undefined ? [] : pre.split('.');
    // Numeric identifiers may not have leading zeros (SemVer 2.0.0 §9).
    if (prerelease.some((id) => /^[0-9]+$/.test(id) && id.length > 1 && id.startsWith('0'))) return undefined;
    return { major, minor, patch, prerelease, build: build ?? '', short: false };
  }
  const short = SHORT.exec(text);
  if (short) return { major: short[1] ?? '', minor: short[2] ?? '0', patch: '0', prerelease: [], build: '', short: true };
  return undefined;
}

export function parseGo(input: string, options: GoOptions = {}): GoVersion {
  checkLength(ECOSYSTEM, input, 'version');
  const parsed = tryParseGo(input, options);
  if (parsed === undefined) {
    throw new InvalidVersionError(ECOSYSTEM, input, 'not a Go semantic version (vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]], no leading zeros)');
  }
  return parsed;
}

/** x/mod Canonical(): vMAJOR.MINOR.PATCH[-PRERELEASE], build dropped; undefined when invalid. */
export function canonicalGo(input: string, options: GoOptions = {}): string | undefined {
  const v = tryParseGo(input, options);
  if (v === undefined) return undefined;
  const pre = v.prerelease.length > 0 ? `-${v.prerelease.join('.')}` : '';
  return `v${v.major}.${v.minor}.${v.patch}${pre}`;
}

/** A pseudo-version names an untagged commit: its last pre-release part is timestamp + commit. */
export function isGoPseudoVersion(input: string): boolean {
  const v = tryParseGo(input);
  if (v === undefined || v.prerelease.length === 0) return false;
  return /(^|[.-])[0-9]{14}-[0-9a-f]{12}$/.test(v.prerelease.join('.'));
}

export function compareGo(a: string, b: string, options: GoOptions = {}): Ordering {
  if (options.lenient === true) {
    const x = tryParseGo(a, options);
    const y = tryParseGo(b, options);
    if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : -1) : 1;
    return compareParsed(x, y);
  }
  return compareParsed(parseGo(a, options), parseGo(b, options));
}

function compareParsed(x: GoVersion, y: GoVersion): Ordering {
  return compareDigits(x.major, y.major) || compareDigits(x.minor, y.minor) || compareDigits(x.patch, y.patch) || comparePrerelease(x.prerelease, y.prerelease);
}

/** SemVer §11: a release beats any pre-release; identifiers compare numerically or in ASCII order. */
export function comparePrerelease(x: readonly string[], y: readonly string[]): Ordering {
  if (x.length === 0 || y.length === 0) return x.length === y.length ? 0 : x.length === 0 ? 1 : -1;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = x[i] ?? '';
    const q = y[i] ?? '';
    if (p === q) continue;
    const pNum = /^[0-9]+$/.test(p);
    const qNum = /^[0-9]+$/.test(q);
    if (pNum && qNum) return compareDigits(p, q);
    if (pNum !== qNum) return pNum ? -1 : 1;
    return compareStrings(p, q);
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}
