/**
 * Does one affected-package record cover one installed version, and by which range? Returns the
 * evidence for a match, or why the record could not be evaluated.
 */
import { compareVersions, type Ecosystem, InvalidVersionError, publicPypi } from '../../lib/versions/index.js';
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

export function evaluate(scheme: Ecosystem, installed: string, ranges: readonly AffectedRange[], versions: readonly string[]): Evaluation {
  const version = comparable(scheme, installed);
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
  if (versions.some((listed) => listed === installed || sameVersion(scheme, listed, version))) {
    return { kind: 'hit', hit: { rangeType: 'versions', range: `listed version ${installed}`, fix: { state: 'unfixed' } } };
  }
  return evaluable || reason === '' ? { kind: 'miss' } : { kind: 'unevaluable', reason };
}

/**
 * The installed version as the ecosystem compares it with advisory bounds. PEP 440 ignores a
 * local label (2.0.0+cu118, as PyTorch's CUDA builds are) against versions that have none, and
 * advisory bounds never have one: "<= 2.0.0" (last_affected) and "== 2.0.0" (a listed version)
 * include 2.0.0+cu118, as packaging's specifiers say, where the plain ordering puts it after 2.0.0.
 * Against introduced, fixed and limit bounds the public version orders the same.
 */
function comparable(scheme: Ecosystem, installed: string): string {
  if (scheme !== 'pypi') return installed;
  try {
    return publicPypi(installed);
  } catch (error) {
    if (error instanceof InvalidVersionError) return installed;
    throw error;
  }
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
