/**
 * npm versions and ranges: SemVer 2.0.0 plus node-semver's range grammar (the grammar npm itself
 * uses): comparators < <= > >= =, hyphen ranges "1.2 - 2.3.4", x-ranges "1.x" "1.2.*", tilde "~1.2",
 * caret "^0.2.3", whitespace for AND and "||" for OR. node-semver is the reference implementation
 * of that grammar, so it is used directly instead of a re-implementation.
 *
 * Options are node-semver's: `loose` accepts sloppy spellings ("=1.2.3", "1.2.3beta");
 * `includePrerelease` lets ranges match pre-releases of other version tuples.
 */
import semver from 'semver';
import { InvalidRangeError, InvalidVersionError, checkLength } from './errors.js';
import type { Ordering } from './sign.js';

const ECOSYSTEM = 'npm';

export interface NpmOptions {
  readonly loose?: boolean;
  readonly includePrerelease?: boolean;
}

function semverOptions(options: NpmOptions): semver.RangeOptions {
  return { loose: options.loose === true, includePrerelease: options.includePrerelease === true };
}

export function parseNpm(input: string, options: NpmOptions = {}): semver.SemVer {
  checkLength(ECOSYSTEM, input, 'version');
  const parsed = semver.parse(input, semverOptions(options));
  if (parsed === null) {
    throw new InvalidVersionError(ECOSYSTEM, input, options.loose === true ? 'not a semantic version, even loosely' : 'not a semantic version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]; try loose)');
  }
  return parsed;
}

export function parseNpmRange(input: string, options: NpmOptions = {}): semver.Range {
  checkLength(ECOSYSTEM, input, 'range');
  try {
    return new semver.Range(input, semverOptions(options));
  } catch (error) {
    throw new InvalidRangeError(ECOSYSTEM, input, error instanceof Error ? error.message : 'not a node-semver range');
  }
}

export function compareNpm(a: string, b: string, options: NpmOptions = {}): Ordering {
  return parseNpm(a, options).compare(parseNpm(b, options));
}

export function satisfiesNpm(version: string, range: string, options: NpmOptions = {}): boolean {
  const r = parseNpmRange(range, options);
  return r.test(parseNpm(version, options));
}

/** semver.validRange: the range in canonical comparator form, or undefined when invalid. */
export function canonicalNpmRange(range: string, options: NpmOptions = {}): string | undefined {
  if (range.length > 1024) return undefined;
  return semver.validRange(range, semverOptions(options)) ?? undefined;
}

/** semver.gtr / semver.ltr: is the version above (or below) every version the range admits? */
export function outsideNpmRange(version: string, range: string, side: 'above' | 'below', options: NpmOptions = {}): boolean {
  const v = parseNpm(version, options);
  const r = parseNpmRange(range, options);
  return semver.outside(v, r, side === 'above' ? '>' : '<', semverOptions(options));
}

/** semver.intersects: is there a version that satisfies both ranges? */
export function npmRangesIntersect(a: string, b: string, options: NpmOptions = {}): boolean {
  return parseNpmRange(a, options).intersects(parseNpmRange(b, options), semverOptions(options));
}
