/**
 * Version ordering and range membership for the package ecosystems Palisade scans. One module per
 * scheme implements that ecosystem's own algorithm; this file only dispatches.
 *
 *   compareVersions('deb', '1:2.0-1', '2.1-1')            -> 1
 *   satisfies('Alpine:v3.19', '1.2.3-r1', '>= 1.2, < 1.3') -> true
 *   satisfies('npm', '1.2.3-beta', '^1.2.0', { includePrerelease: true })
 *
 * Range syntax per scheme: npm (node-semver ranges), pypi (PEP 440 specifier sets), maven
 * ([1.0,2.0) intervals and unions), gem (RubyGems requirements, ","-joined), and comparison
 * expressions for deb, apk, rpm, go, cargo, nuget and composer (see comparison-range.ts).
 *
 * Invalid versions throw InvalidVersionError, invalid ranges InvalidRangeError, unknown
 * ecosystems UnsupportedEcosystemError.
 */
import { type ApkOptions, compareApk, compareApkFuzzy } from './apk.js';
import { compareCargo } from './cargo.js';
import { compareComposer } from './composer.js';
import { type BaseOperator, type ComparisonRange, holds, parseComparisonRange, rangeContains } from './comparison-range.js';
import { type DebOptions, compareDeb } from './deb.js';
import { type Ecosystem, resolveEcosystem } from './ecosystem.js';
import { InvalidRangeError, InvalidVersionError } from './errors.js';
import { compareGem, satisfiesGem } from './gem.js';
import { type GoOptions, compareGo } from './go.js';
import { satisfiesMaven } from './maven/range.js';
import { type MavenOptions, compareMaven } from './maven/version.js';
import { type NpmOptions, compareNpm, satisfiesNpm } from './npm.js';
import { compareNuget } from './nuget.js';
import { type PypiOptions, satisfiesPypi } from './pypi/specifier.js';
import { comparePypi } from './pypi/version.js';
import { compareRpm } from './rpm.js';
import type { Ordering } from './sign.js';

export type { Ecosystem } from './ecosystem.js';
export { ECOSYSTEMS, ecosystemOf, resolveEcosystem } from './ecosystem.js';
export { InvalidRangeError, InvalidVersionError, UnsupportedEcosystemError } from './errors.js';
export type { Ordering } from './sign.js';
export { publicPypi } from './pypi/version.js';
export type { ApkOptions, DebOptions, GoOptions, MavenOptions, NpmOptions, PypiOptions };

/** The options each scheme understands; schemes without options take none. */
export interface OptionsByEcosystem {
  apk: ApkOptions;
  cargo: Record<string, never>;
  composer: Record<string, never>;
  deb: DebOptions;
  gem: Record<string, never>;
  go: GoOptions;
  maven: MavenOptions;
  npm: NpmOptions;
  nuget: Record<string, never>;
  pypi: PypiOptions;
  rpm: Record<string, never>;
}

/** Options of any scheme, for callers that only know the ecosystem at run time. */
export type VersionOptions = ApkOptions & DebOptions & GoOptions & MavenOptions & NpmOptions & PypiOptions;

/** The sign of (a - b) in the ecosystem's ordering. */
export function compareVersions<E extends Ecosystem>(ecosystem: E, a: string, b: string, options?: OptionsByEcosystem[E]): Ordering;
export function compareVersions(ecosystem: string, a: string, b: string, options?: VersionOptions): Ordering;
export function compareVersions(ecosystem: string, a: string, b: string, options: VersionOptions = {}): Ordering {
  const scheme = resolveEcosystem(ecosystem);
  switch (scheme) {
    case 'apk': return compareApk(a, b, options);
    case 'cargo': return compareCargo(a, b);
    case 'composer': return compareComposer(a, b);
    case 'deb': return compareDeb(a, b, options);
    case 'gem': return compareGem(a, b);
    case 'go': return compareGo(a, b, options);
    case 'maven': return compareMaven(a, b, options);
    case 'npm': return compareNpm(a, b, options);
    case 'nuget': return compareNuget(a, b);
    case 'pypi': return comparePypi(a, b);
    case 'rpm': return compareRpm(a, b);
  }
}

/** Is `version` inside `range`, written in the ecosystem's native range syntax? */
export function satisfies<E extends Ecosystem>(ecosystem: E, version: string, range: string, options?: OptionsByEcosystem[E]): boolean;
export function satisfies(ecosystem: string, version: string, range: string, options?: VersionOptions): boolean;
export function satisfies(ecosystem: string, version: string, range: string, options: VersionOptions = {}): boolean {
  const scheme = resolveEcosystem(ecosystem);
  switch (scheme) {
    case 'npm': return satisfiesNpm(version, range, options);
    case 'pypi': return satisfiesPypi(version, range, options);
    case 'maven': return satisfiesMaven(version, range);
    case 'gem': return satisfiesGem(version, range);
    case 'apk': return satisfiesApk(version, range, options);
    case 'deb':
    case 'rpm':
    case 'go':
    case 'cargo':
    case 'nuget':
    case 'composer': return satisfiesComparison(scheme, version, range, options);
  }
}

function satisfiesComparison(scheme: 'deb' | 'rpm' | 'go' | 'cargo' | 'nuget' | 'composer', version: string, range: string, options: VersionOptions): boolean {
  const parsed = parseComparisonRange(scheme, range);
  checkBounds(scheme, range, parsed, (bound) => compareVersions(scheme, bound, bound, options));
  const compare = (bound: string): Ordering => compareVersions(scheme, version, bound, options);
  compare(version); // validates the candidate even when the range is "*"
  return rangeContains(parsed, (c) => holds(c.op, compare(c.version)));
}

/** A malformed version inside a range is the range's fault: report it as InvalidRangeError. */
function checkBounds(scheme: string, range: string, parsed: ComparisonRange<string>, validate: (bound: string) => unknown): void {
  for (const alternative of parsed) {
    for (const constraint of alternative) {
      try {
        validate(constraint.version);
      } catch (error) {
        if (error instanceof InvalidVersionError) throw new InvalidRangeError(scheme, range, error.message);
        throw error;
      }
    }
  }
}

type ApkFuzzy = '~' | '<~' | '>~';

/** apk adds fuzzy operators: "~" prefix match, "<~" / ">~" less / greater or prefix match. */
function satisfiesApk(version: string, range: string, options: ApkOptions): boolean {
  const parsed = parseComparisonRange<ApkFuzzy>('apk', range, { '~': '~', '=~': '~', '<~': '<~', '>~': '>~' });
  checkBounds('apk', range, parsed, (bound) => compareApk(bound, bound, options));
  compareApk(version, version, options);
  return rangeContains(parsed, ({ op, version: bound }) => {
    if (op === '~' || op === '<~' || op === '>~') {
      const c = compareApkFuzzy(version, bound, options);
      return c === 0 || (op === '<~' && c < 0) || (op === '>~' && c > 0);
    }
    return holds(op satisfies BaseOperator, compareApk(version, bound, options));
  });
}

/** Would the ecosystem's own tooling accept `version`? */
export function isValidVersion(ecosystem: string, version: string, options: VersionOptions = {}): boolean {
  try {
    compareVersions(ecosystem, version, version, { ...options, lenient: false });
    return true;
  } catch (error) {
    if (error instanceof InvalidVersionError) return false;
    throw error;
  }
}
