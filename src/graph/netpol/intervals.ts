/**
 * Sets of non-negative integers kept as sorted, disjoint, non-adjacent closed intervals. Port
 * ranges (1-65535) and IPv4 address ranges (0-2^32-1) are both sets of this kind; every set
 * operation keeps the canonical form, so equal sets compare equal interval by interval.
 */

export type Interval = readonly [number, number];

export class IntervalSet {
  /** Canonical: sorted by start, disjoint, with a gap of at least one between neighbours. */
  readonly intervals: readonly Interval[];

  private constructor(intervals: readonly Interval[]) {
    this.intervals = intervals;
  }

  static empty(): IntervalSet {
    return new IntervalSet([]);
  }

  static of(start: number, end: number): IntervalSet {
    return start > end ? IntervalSet.empty() : new IntervalSet([[start, end]]);
  }

  static fromIntervals(intervals: readonly Interval[]): IntervalSet {
    const sorted = intervals.filter(([s, e]) => s <= e).sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [start, end] of sorted) {
      const last = merged[merged.length - 1];
      if (last !== undefined && start <= last[1] + 1) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    return new IntervalSet(merged);
  }

  isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  union(other: IntervalSet): IntervalSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    return IntervalSet.fromIntervals([...this.intervals, ...other.intervals]);
  }

  intersect(other: IntervalSet): IntervalSet {
    const out: Interval[] = [];
    let i = 0;
    let j = 0;
    while (i < this.intervals.length && j < other.intervals.length) {
      const a = this.intervals[i] as Interval;
      const b = other.intervals[j] as Interval;
      const start = Math.max(a[0], b[0]);
      const end = Math.min(a[1], b[1]);
      if (start <= end) out.push([start, end]);
      if (a[1] < b[1]) i++;
      else j++;
    }
    return new IntervalSet(out);
  }

  subtract(other: IntervalSet): IntervalSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    const out: Interval[] = [];
    for (const [start, end] of this.intervals) {
      let cursor = start;
      for (const [os, oe] of other.intervals) {
        if (oe < cursor) continue;
        if (os > end) break;
        if (os > cursor) out.push([cursor, os - 1]);
        cursor = Math.max(cursor, oe + 1);
        if (cursor > end) break;
      }
      if (cursor <= end) out.push([cursor, end]);
    }
    return new IntervalSet(out);
  }

  contains(value: number): boolean {
    return this.intervals.some(([s, e]) => s <= value && value <= e);
  }

  /** Whether every member of this set is in the other. */
  isSubsetOf(other: IntervalSet): boolean {
    return this.subtract(other).isEmpty();
  }

  equals(other: IntervalSet): boolean {
    if (this.intervals.length !== other.intervals.length) return false;
    return this.intervals.every(([s, e], k) => {
      const o = other.intervals[k];
      return o !== undefined && o[0] === s && o[1] === e;
    });
  }
}
