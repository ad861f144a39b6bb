/**
 * Composer (Packagist) versions, ordered as composer/semver does it: VersionParser::normalize turns
 * a version into "1.2.3.0-beta2"-style text, and Comparator orders normalized versions with PHP's
 * version_compare (see php-version-compare.ts).
 *
 * What normalize accepts: an optional "v", one to four numeric parts (missing ones become 0), or
 * a date-like version (2010-01-02, 20100102-203040), then an optional stability suffix with an
 * optional number: dev < alpha (a) < beta (b) < RC < (release) < patch (pl, p), e.g. "1.0-rc.2",
 * "1.0b3", "1.0.0-alpha2.1"; a trailing "-dev" marks the development version of what precedes it.
 * Build metadata ("+abc"), an alias ("1.0 as 2.0") and a stability flag ("@beta") are dropped.
 *
 * Branches: a numeric branch ("2.1.x-dev", "3.x-dev") normalizes as Composer does, to the highest
 * development version of that line ("2.1.9999999.9999999-dev"), and is ordered. A named branch
 * ("dev-main", "dev-feature/x", "master") is whatever commit was installed: Composer itself only
 * says whether two branch names are equal, so comparing one with a release is an
 * InvalidVersionError rather than a guess.
 */
import { InvalidVersionError, checkLength } from './errors.js';
import { comparePhpVersions } from './php-version-compare.js';
import type { Ordering } from './sign.js';

const ECOSYSTEM = 'composer';

/**
 * The stability suffix. Its number is captured inside a lookahead and then consumed by a
 * backreference: JavaScript has no possessive "*+" (which composer/semver uses), and without it
 * "(?:[.-]?\d+)*" would backtrack exponentially on long digit runs.
 */
const MODIFIER = String.raw`[._-]?(?:(?<stability>stable|beta|b|RC|alpha|a|patch|pl|p)(?=(?<number>(?:[.-]?\d+)*))\k<number>)?(?<dev>[.-]?dev)?`;
const CLASSICAL = new RegExp(String.raw`^v?(?<numbers>\d{1,5}(?:\.\d+)?(?:\.\d+)?(?:\.\d+)?)${MODIFIER}$`, 'i');
/** Six or more leading digits, or separators between two-digit groups: a date (or date-time). */
const DATE = new RegExp(String.raw`^v?(?<numbers>\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?)${MODIFIER}$`, 'i');
/** "1.0.x", "v2.*", "3": a numeric branch name, once "-dev" is taken off. */
const NUMERIC_BRANCH = /^v?(\d+)(\.(?:\d+|[x*]))?(\.(?:\d+|[x*]))?(\.(?:\d+|[x*]))?$/i;

function invalid(input: string, reason: string): never {
  throw new InvalidVersionError(ECOSYSTEM, input, reason);
}

/** VersionParser::normalize. Named branches come back as "dev-NAME", as Composer gives them. */
export function normalizeComposer(input: string): string {
  checkLength(ECOSYSTEM, input, 'version');
  let version = input.trim();
  version = /^([^,\s]+) +as +[^,\s]+$/.exec(version)?.[1] ?? version;
  version = version.replace(/@(?:stable|RC|beta|alpha|dev)$/i, '');
  // Composer 1 accepted bare default-branch names; Composer 2 still reads them as branches.
  if (version === 'master' || version === 'trunk' || version === 'default') version = `dev-${version}`;
  if (version.slice(0, 4).toLowerCase() === 'dev-') return `dev-${version.slice(4)}`;
  version = /^([^,\s+]+)\+\S+$/.exec(version)?.[1] ?? version;
  const classical = CLASSICAL.exec(version)?.groups;
  if (classical !== undefined) return withModifier(padToFour(classical.numbers ?? ''), classical);
  const date = DATE.exec(version)?.groups;
  if (date !== undefined) return withModifier((date.numbers ?? '').replace(/\D/g, '.'), date);
  const branch = numericBranch(version);
  if (branch !== undefined) return branch;
  return invalid(input, 'not a Composer version (MAJOR[.MINOR[.PATCH[.EXTRA]]][-STABILITY[N]][-dev], a date, or a branch like 2.1.x-dev / dev-main)');
}

function padToFour(numbers: string): string {
  const parts = numbers.split('.');
  while (parts.length < 4) parts.push('0');
  return parts.join('.');
}

function withModifier(numbers: string, groups: Readonly<Record<string, string | undefined>>): string {
  let version = numbers;
  const stability = groups.stability ?? '';
  if (stability !== '') {
    // Case-sensitive, as in composer/semver: only a lower-case "stable" means "no suffix".
    if (stability === 'stable') return version;
    version += `-${expandStability(stability)}${(groups.number ?? '').replace(/^[.-]+/, '')}`;
  }
  if ((groups.dev ?? '') !== '') version += '-dev';
  return version;
}

function expandStability(stability: string): string {
  const lower = stability.toLowerCase();
  switch (lower) {
    case 'a': return 'alpha';
    case 'b': return 'beta';
    case 'p':
    case 'pl': return 'patch';
    case 'rc': return 'RC';
    default: return lower;
  }
}

/** "2.1.x-dev" -> "2.1.9999999.9999999-dev" (VersionParser::normalizeBranch on what precedes "dev"). */
function numericBranch(version: string): string | undefined {
  const name = /^(.*?)[.-]?dev$/i.exec(version)?.[1]?.trim();
  const match = name === undefined ? null : NUMERIC_BRANCH.exec(name);
  if (match === null) return undefined;
  let normalized = '';
  for (let i = 1; i < 5; i++) normalized += (match[i] ?? '.x').replace(/[X*]/g, 'x');
  return `${normalized.replace(/x/g, '9999999')}-dev`;
}

function parseComposer(input: string): string {
  const normalized = normalizeComposer(input);
  if (normalized.startsWith('dev-')) {
    invalid(input, 'a named branch is whatever commit was installed; Composer does not order it against releases');
  }
  return normalized;
}

export function compareComposer(a: string, b: string): Ordering {
  return comparePhpVersions(parseComposer(a), parseComposer(b));
}
