/**
 * The connectivity diff between two clusters (netpol-analyzer's `diff`): connections changed,
 * added and removed from ref1 to ref2. External ranges are first cut at the edges of both
 * sides' ranges so they compare like for like, then touching ranges with the same verdicts are
 * merged back for the report.
 */
import { ConnectionSet } from './connections.js';
import type { ConnectivityList, ListedConnection } from './connlist.js';
import { csvRows } from './format.js';
import { IntervalSet } from './intervals.js';
import { disjointRanges, formatRanges } from './ip-blocks.js';
import { INGRESS_CONTROLLER } from './ingress-controller.js';

export type DiffType = 'changed' | 'added' | 'removed';

export interface DiffLine {
  readonly type: DiffType;
  readonly src: string;
  readonly dst: string;
  readonly ref1: string;
  readonly ref2: string;
  /** "workload X added" when an end exists on one side only; empty otherwise. */
  readonly info: string;
}

export const DIFF_FORMATS = ['txt', 'csv', 'md'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

interface Side {
  conns: ConnectionSet | undefined;
}

interface Entry {
  readonly src: string;
  readonly dst: string;
  readonly srcRange: IntervalSet | undefined;
  readonly dstRange: IntervalSet | undefined;
  readonly sides: [Side, Side];
}

const ipKey = (range: IntervalSet): string => `${formatRanges(range)}[External]`;

/** Splits connections with an external end at every cut, so both sides use the same ranges. */
function refine(lines: readonly ListedConnection[], cuts: readonly IntervalSet[]): ListedConnection[] {
  const starts = cuts.map((c) => c.intervals[0]?.[0] ?? 0);
  const out: ListedConnection[] = [];
  for (const line of lines) {
    const range = line.srcRange ?? line.dstRange;
    if (range === undefined) {
      out.push(line);
      continue;
    }
    for (const [start, end] of range.intervals) {
      // Cuts are sorted and contiguous: the first one inside the interval starts exactly at its start.
      for (let i = lowerBound(starts, start); i < cuts.length && (starts[i] ?? Infinity) <= end; i++) {
        const piece = cuts[i] as IntervalSet;
        out.push(line.srcRange !== undefined ? { ...line, src: ipKey(piece), srcRange: piece } : { ...line, dst: ipKey(piece), dstRange: piece });
      }
    }
  }
  return out;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function diffConnectivity(ref1: ConnectivityList, ref2: ConnectivityList): DiffLine[] {
  const ranges = [...ref1.lines, ...ref2.lines].flatMap((l) => [l.srcRange, l.dstRange]).filter((r): r is IntervalSet => r !== undefined);
  const cuts = disjointRanges(ranges);
  const entries = new Map<string, Entry>();
  [refine(ref1.lines, cuts), refine(ref2.lines, cuts)].forEach((lines, side) => {
    for (const l of lines) {
      const key = `${l.src};${l.dst}`;
      let entry = entries.get(key);
      if (entry === undefined) {
        entry = { src: l.src, dst: l.dst, srcRange: l.srcRange, dstRange: l.dstRange, sides: [{ conns: undefined }, { conns: undefined }] };
        entries.set(key, entry);
      }
      (entry.sides[side] as Side).conns = l.conns;
    }
  });
  const workloads1 = new Set(ref1.workloads);
  const workloads2 = new Set(ref2.workloads);
  const out: DiffLine[] = [];
  for (const e of mergeRanges([...entries.values()])) {
    const [c1, c2] = [e.sides[0].conns, e.sides[1].conns];
    let type: DiffType;
    if (c1 !== undefined && c2 !== undefined) {
      if (c1.equals(c2)) continue;
      type = 'changed';
    } else type = c1 !== undefined ? 'removed' : 'added';
    const other = type === 'added' ? workloads1 : workloads2;
    const isNewOrLost = (peer: string, range: IntervalSet | undefined): boolean => type !== 'changed' && range === undefined && peer !== INGRESS_CONTROLLER && !other.has(peer);
    const ends = [isNewOrLost(e.src, e.srcRange) ? e.src : undefined, isNewOrLost(e.dst, e.dstRange) ? e.dst : undefined].filter((p) => p !== undefined);
    out.push({
      type,
      src: e.src,
      dst: e.dst,
      ref1: (c1 ?? ConnectionSet.none()).toString(),
      ref2: (c2 ?? ConnectionSet.none()).toString(),
      info: ends.length === 0 ? '' : `workload ${ends.join(' and ')} ${type}`,
    });
  }
  return out;
}

/** Joins touching external ranges that have the same other end and the same verdict on both sides. */
function mergeRanges(entries: readonly Entry[]): Entry[] {
  const out: Entry[] = [];
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    if (e.srcRange === undefined && e.dstRange === undefined) {
      out.push(e);
      continue;
    }
    const key = [e.srcRange === undefined ? e.src : '', e.dstRange === undefined ? e.dst : '', String(e.sides[0].conns ?? ''), String(e.sides[1].conns ?? '')].join(';');
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [e]);
    else group.push(e);
  }
  for (const group of groups.values()) {
    const first = group[0] as Entry;
    const isSrc = first.srcRange !== undefined;
    const union = IntervalSet.fromIntervals(group.flatMap((e) => (isSrc ? e.srcRange : e.dstRange)?.intervals ?? []));
    for (const interval of union.intervals) {
      const range = IntervalSet.of(interval[0], interval[1]);
      out.push(isSrc ? { ...first, src: ipKey(range), srcRange: range } : { ...first, dst: ipKey(range), dstRange: range });
    }
  }
  return out;
}

/** netpol-analyzer's order: changed, added, removed (each sorted), with ingress-controller lines after the rest. */
function ordered(lines: readonly DiffLine[], render: (l: DiffLine) => string): string[] {
  const out: string[] = [];
  for (const ingress of [false, true]) {
    for (const type of ['changed', 'added', 'removed'] as const) {
      out.push(...lines.filter((l) => l.type === type && (l.src === INGRESS_CONTROLLER) === ingress).map(render).sort());
    }
  }
  return out;
}

export function formatDiff(lines: readonly DiffLine[], format: DiffFormat): string {
  if (lines.length === 0) return '';
  switch (format) {
    case 'txt':
      return `Connectivity diff:\n${ordered(lines, (l) => `diff-type: ${l.type}, source: ${l.src}, destination: ${l.dst}, ref1: ${l.ref1}, ref2: ${l.ref2}${l.info === '' ? '' : `, workloads-diff-info: ${l.info}`}`).join('\n')}\n`;
    case 'csv': {
      const header = csvRows([['diff-type', 'source', 'destination', 'ref1', 'ref2', 'workloads-diff-info']]);
      return header + ordered(lines, (l) => csvRows([[l.type, l.src, l.dst, l.ref1, l.ref2, l.info]])).join('');
    }
    case 'md':
      return `${['| diff-type | source | destination | ref1 | ref2 | workloads-diff-info |', '|-----------|--------|-------------|------|------|---------------------|', ...ordered(lines, (l) => `| ${l.type} | ${l.src} | ${l.dst} | ${l.ref1} | ${l.ref2} | ${l.info} |`)].join('\n')}\n`;
  }
}
