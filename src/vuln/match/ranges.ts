/**
 * OSV range evaluation (https://ossf.github.io/osv-schema/#evaluation): events sorted by version
 * form intervals [introduced, fixed) or [introduced, last_affected]; a version is affected when it
 * lies in one of them or is listed in `versions`. Each interval knows how to describe itself,
 * which is what a finding shows as "the range that matched".
 */
import { compareVersions, type Ecosystem, type Ordering } from '../../lib/versions/index.js';
import type { AffectedRange, RangeEvent } from '../advisory.js';

export interface Interval {
  /** Undefined: from the first version ("introduced": "0"). */
  readonly introduced?: string;
  readonly end?: { readonly kind: 'fixed' | 'last_affected'; readonly version: string };
}

export type Compare = (a: string, b: string) => Ordering;

/** The ordering a range's versions follow: its ecosystem's, or semver for SEMVER ranges. */
export function comparatorFor(type: AffectedRange['type'], scheme: Ecosystem): Compare {
  if (type === 'SEMVER' && scheme !== 'go') return (a, b) => compareVersions('npm', stripV(a), stripV(b));
  return (a, b) => compareVersions(scheme, a, b);
}

function stripV(version: string): string {
  return version.startsWith('v') ? version.slice(1) : version;
}

const KIND_ORDER = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 } as const;

function eventOf(event: RangeEvent): { kind: keyof typeof KIND_ORDER; version: string } {
  if ('introduced' in event) return { kind: 'introduced', version: event.introduced };
  if ('fixed' in event) return { kind: 'fixed', version: event.fixed };
  if ('last_affected' in event) return { kind: 'last_affected', version: event.last_affected };
  return { kind: 'limit', version: event.limit };
}

/** Throws InvalidVersionError when the advisory holds a version its ecosystem cannot parse. */
export function intervalsOf(range: AffectedRange, compare: Compare): Interval[] {
  // Limits bound the whole range (beforeLimits) and may be "*": they take no part in the intervals.
  const events = range.events.map(eventOf).filter((e) => e.kind !== 'limit');
  const isZero = (e: { kind: string; version: string }): boolean => e.kind === 'introduced' && e.version === '0';
  events.sort((a, b) => {
    if (isZero(a) !== isZero(b)) return isZero(a) ? -1 : 1;
    if (isZero(a)) return 0;
    return compare(a.version, b.version) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  });
  const intervals: Interval[] = [];
  let open: { introduced?: string } | undefined;
  for (const e of events) {
    if (e.kind === 'introduced') {
      open ??= isZero(e) ? {} : { introduced: e.version };
    } else if ((e.kind === 'fixed' || e.kind === 'last_affected') && open !== undefined) {
      intervals.push({ ...open, end: { kind: e.kind, version: e.version } });
      open = undefined;
    }
  }
  if (open !== undefined) intervals.push(open);
  return intervals;
}

/**
 * OSV's BeforeLimits: a range with `limit` events covers only versions below one of them (a limit
 * containing "*" is infinity); without any, the implicit limit is "*". Limits are meant for GIT
 * ranges, but the evaluation the schema gives applies them to every range type.
 */
export function beforeLimits(range: AffectedRange, version: string, compare: Compare): boolean {
  const limits = limitsOf(range);
  return limits.length === 0 || limits.some((limit) => limit.includes('*') || compare(version, limit) < 0);
}

export function contains(interval: Interval, version: string, compare: Compare): boolean {
  if (interval.introduced !== undefined && compare(version, interval.introduced) < 0) return false;
  if (interval.end === undefined) return true;
  const c = compare(version, interval.end.version);
  return interval.end.kind === 'fixed' ? c < 0 : c <= 0;
}

/** ">= 2.13.0, < 2.15.0" / "<= 1.2.3" / "all versions"; an open interval shows the range's finite limits ("< 0.19.3"). */
export function describe(interval: Interval, range: AffectedRange): string {
  const parts: string[] = [];
  if (interval.introduced !== undefined) parts.push(`>= ${interval.introduced}`);
  if (interval.end !== undefined) parts.push(`${interval.end.kind === 'fixed' ? '<' : '<='} ${interval.end.version}`);
  else {
    const limits = limitsOf(range).filter((l) => !l.includes('*'));
    if (limits.length > 0) parts.push(`< ${limits.join(' or < ')}`);
  }
  return parts.length === 0 ? 'all versions' : parts.join(', ');
}

function limitsOf(range: AffectedRange): string[] {
  return range.events.flatMap((e) => ('limit' in e ? [e.limit] : []));
}
