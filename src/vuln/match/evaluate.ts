/**
 * Does one affected-package record cover one installed version, and by which range? Returns the
 * evidence for a match, or why the record could not be evaluated.
 */
import { compareVersions, type Ecosystem, InvalidVersionError } from '../../lib/versions/index.js';
import type { AffectedRange } from '../advisory.js';
import { beforeLimits, comparatorFor, contains, describe, intervalsOf } from './ranges.js';

export type Fix =
  | { readonly state: 'fixed'; readonly version: string }
  /** OSV last_affected: later versions are unaffected, but no fixed version is named. */
  | { readonly state: 'fixed-after'; readonly lastAffected: string }
  | { readonly state: 'unfixed' };

export interface RangeHit {
  readonly rangeType: AffectedRange['type'] | 'versions';
  /** ">= 2.13.0, < 2.15.0", or "listed version 1.2.3". */
  readonly range: string;
  readonly fix: Fix;
}

export type Evaluation =
  | { readonly kind: 'hit'; readonly hit: RangeHit }
  | { readonly kind: 'miss' }
  /** Only GIT ranges, or versions the ecosystem cannot parse: nothing can be said. */
  | { readonly kind: 'unevaluable'; readonly reason: string };

export function evaluate(scheme: Ecosystem, version: string, ranges: readonly AffectedRange[], versions: readonly string[]): Evaluation {
  let evaluable = versions.length > 0;
  let reason = '';
  for (const range of ranges) {
    if (range.type === 'GIT') {
      reason ||= 'GIT ranges name commits, not versions';
      continue;
    }
    const compare = comparatorFor(range.type, scheme);
    try {
      const intervals = intervalsOf(range, compare);
      const interval = beforeLimits(range, version, compare) ? intervals.find((i) => contains(i, version, compare)) : undefined;
      if (interval !== undefined) return { kind: 'hit', hit: { rangeType: range.type, range: describe(interval, range), fix: fixOf(interval.end) } };
      evaluable = true;
    } catch (error) {
      if (!(error instanceof InvalidVersionError)) throw error;
      reason = error.message;
    }
  }
  if (versions.some((listed) => sameVersion(scheme, listed, version))) {
    return { kind: 'hit', hit: { rangeType: 'versions', range: `listed version ${version}`, fix: { state: 'unfixed' } } };
  }
  return evaluable || reason === '' ? { kind: 'miss' } : { kind: 'unevaluable', reason };
}

function fixOf(end: { readonly kind: 'fixed' | 'last_affected'; readonly version: string } | undefined): Fix {
  if (end === undefined) return { state: 'unfixed' };
  return end.kind === 'fixed' ? { state: 'fixed', version: end.version } : { state: 'fixed-after', lastAffected: end.version };
}

/** OSV compares listed versions as strings; equal spellings of one version ("1.0" / "1.0.0" in PyPI) match too. */
function sameVersion(scheme: Ecosystem, listed: string, version: string): boolean {
  if (listed === version) return true;
  try {
    return compareVersions(scheme, listed, version) === 0;
  } catch (error) {
    if (error instanceof InvalidVersionError) return false;
    throw error;
  }
}
