/**
 * CVSS v4.0 scores (FIRST CVSS v4.0 Specification, section 8 "CVSS v4.0 Scoring"), computed from
 * every metric present (CVSS-B, -BT, -BE or -BTE, whichever the vector carries):
 *
 * 1. The vector's equivalence classes EQ1..EQ6 name its macro-vector, whose highest-severity
 *    vector has a score in the FIRST lookup table.
 * 2. For each EQ, the severity distance of the vector from the highest-severity vectors of its
 *    level, as a fraction of that level's depth, times the score gap to the next lower
 *    macro-vector (when one exists), is how far the vector falls below the macro-vector's score.
 * 3. The score is the macro-vector score minus the mean of those amounts, rounded to one decimal,
 *    half up (as the reference calculator does since its 2024 rounding fix).
 *
 * Metrics left out, or given as X, take their specified defaults: E as A (worst case), CR/IR/AR
 * as H, and every modified base metric as the base metric it modifies.
 */
import { InvalidCvssVectorError } from './errors.js';
import { type MetricTable, parseMetrics, valueOf, weight } from './metrics.js';
import { MACRO_VECTOR_SCORES, MAX_COMPOSED, MAX_COMPOSED_EQ3_EQ6, MAX_SEVERITY } from './v4-tables.js';

const IMPACT = ['H', 'L', 'N'];
const TABLE: MetricTable = {
  AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], AT: ['N', 'P'], PR: ['N', 'L', 'H'], UI: ['N', 'P', 'A'],
  VC: IMPACT, VI: IMPACT, VA: IMPACT, SC: IMPACT, SI: IMPACT, SA: IMPACT,
  E: ['X', 'A', 'P', 'U'],
  CR: ['X', 'H', 'M', 'L'], IR: ['X', 'H', 'M', 'L'], AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'], MAC: ['X', 'L', 'H'], MAT: ['X', 'N', 'P'], MPR: ['X', 'N', 'L', 'H'], MUI: ['X', 'N', 'P', 'A'],
  MVC: ['X', 'H', 'L', 'N'], MVI: ['X', 'H', 'L', 'N'], MVA: ['X', 'H', 'L', 'N'],
  MSC: ['X', 'H', 'L', 'N'], MSI: ['X', 'S', 'H', 'L', 'N'], MSA: ['X', 'S', 'H', 'L', 'N'],
  S: ['X', 'N', 'P'], AU: ['X', 'N', 'Y'], R: ['X', 'A', 'U', 'I'], V: ['X', 'D', 'C'], RE: ['X', 'L', 'M', 'H'],
  U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
};
const BASE = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'];

/** Severity levels in steps of 0.1 away from the most severe value of each metric. */
const LEVELS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0, A: 0.1, L: 0.2, P: 0.3 },
  PR: { N: 0, L: 0.1, H: 0.2 },
  UI: { N: 0, P: 0.1, A: 0.2 },
  AC: { L: 0, H: 0.1 },
  AT: { N: 0, P: 0.1 },
  VC: { H: 0, L: 0.1, N: 0.2 },
  VI: { H: 0, L: 0.1, N: 0.2 },
  VA: { H: 0, L: 0.1, N: 0.2 },
  SC: { H: 0.1, L: 0.2, N: 0.3 },
  SI: { S: 0, H: 0.1, L: 0.2, N: 0.3 },
  SA: { S: 0, H: 0.1, L: 0.2, N: 0.3 },
  CR: { H: 0, M: 0.1, L: 0.2 },
  IR: { H: 0, M: 0.1, L: 0.2 },
  AR: { H: 0, M: 0.1, L: 0.2 },
};

type Effective = (metric: string) => string;

/** The value that scores: defaults for X, and modified metrics in place of base metrics. */
function effectiveValues(m: ReadonlyMap<string, string>): Effective {
  return (metric) => {
    const selected = valueOf(m, metric);
    if (metric === 'E' && selected === 'X') return 'A';
    if ((metric === 'CR' || metric === 'IR' || metric === 'AR') && selected === 'X') return 'H';
    const modified = valueOf(m, `M${metric}`);
    return modified !== 'X' ? modified : selected;
  };
}

/** EQ1..EQ6 levels (specification table 24). */
function macroVector(v: Effective): [number, number, number, number, number, number] {
  const av = v('AV'), pr = v('PR'), ui = v('UI');
  const eq1 = av === 'N' && pr === 'N' && ui === 'N' ? 0 : (av === 'N' || pr === 'N' || ui === 'N') && av !== 'P' ? 1 : 2;
  const eq2 = v('AC') === 'L' && v('AT') === 'N' ? 0 : 1;
  const vc = v('VC'), vi = v('VI'), va = v('VA');
  const eq3 = vc === 'H' && vi === 'H' ? 0 : vc === 'H' || vi === 'H' || va === 'H' ? 1 : 2;
  const eq4 = v('SI') === 'S' || v('SA') === 'S' ? 0 : v('SC') === 'H' || v('SI') === 'H' || v('SA') === 'H' ? 1 : 2;
  const e = v('E');
  const eq5 = e === 'A' ? 0 : e === 'P' ? 1 : 2;
  const eq6 = (v('CR') === 'H' && vc === 'H') || (v('IR') === 'H' && vi === 'H') || (v('AR') === 'H' && va === 'H') ? 0 : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

const key = (levels: readonly number[]): string => levels.join('');
const scoreOf = (levels: readonly number[]): number | undefined => MACRO_VECTOR_SCORES[key(levels)];

/** Score of the next lower macro-vector along one EQ, when the table has it. */
function lowerScores(eq: readonly [number, number, number, number, number, number]): { eq1?: number; eq2?: number; eq3eq6?: number; eq4?: number; eq5?: number } {
  const [e1, e2, e3, e4, e5, e6] = eq;
  let eq3eq6: number | undefined;
  if (e3 === 0 && e6 === 0) {
    // Two ways down (00 -> 01 and 00 -> 10): the higher of the two is the next lower one.
    const left = scoreOf([e1, e2, e3, e4, e5, e6 + 1]);
    const right = scoreOf([e1, e2, e3 + 1, e4, e5, e6]);
    // As in the reference calculator, a missing right-hand path means no lower macro-vector.
    eq3eq6 = left !== undefined && right !== undefined && left > right ? left : right;
  } else if (e3 === 1 && e6 === 0) {
    eq3eq6 = scoreOf([e1, e2, e3, e4, e5, e6 + 1]);
  } else if (e6 === 1 && e3 < 2) {
    eq3eq6 = scoreOf([e1, e2, e3 + 1, e4, e5, e6]);
  } else {
    eq3eq6 = scoreOf([e1, e2, e3 + 1, e4, e5, e6 + 1]); // 21 -> 32 does not exist
  }
  const result: { eq1?: number; eq2?: number; eq3eq6?: number; eq4?: number; eq5?: number } = {};
  const put = (name: 'eq1' | 'eq2' | 'eq3eq6' | 'eq4' | 'eq5', s: number | undefined): void => {
    if (s !== undefined) result[name] = s;
  };
  put('eq1', scoreOf([e1 + 1, e2, e3, e4, e5, e6]));
  put('eq2', scoreOf([e1, e2 + 1, e3, e4, e5, e6]));
  put('eq3eq6', eq3eq6);
  put('eq4', scoreOf([e1, e2, e3, e4 + 1, e5, e6]));
  put('eq5', scoreOf([e1, e2, e3, e4, e5 + 1, e6]));
  return result;
}

function parseComposed(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const part of text.split('/')) {
    const [metric, value] = part.split(':');
    if (metric !== undefined && metric !== '' && value !== undefined) values.set(metric, value);
  }
  return values;
}

const maxVectorCache = new Map<string, Map<string, string>[]>();

/** Every highest-severity vector of the macro-vector: the product of each EQ's maxima (cached). */
function maxVectors(eq: readonly number[]): Map<string, string>[] {
  const cached = maxVectorCache.get(key(eq));
  if (cached !== undefined) return cached;
  const vectors = composeMaxVectors(eq);
  maxVectorCache.set(key(eq), vectors);
  return vectors;
}

function composeMaxVectors(eq: readonly number[]): Map<string, string>[] {
  const [e1, e2, e3, e4, e5, e6] = eq.map(String);
  const lists = [
    MAX_COMPOSED.eq1[e1 ?? ''] ?? [],
    MAX_COMPOSED.eq2[e2 ?? ''] ?? [],
    MAX_COMPOSED_EQ3_EQ6[e3 ?? '']?.[e6 ?? ''] ?? [],
    MAX_COMPOSED.eq4[e4 ?? ''] ?? [],
    MAX_COMPOSED.eq5[e5 ?? ''] ?? [],
  ];
  let combos = [''];
  for (const list of lists) combos = combos.flatMap((prefix) => list.map((part) => prefix + part));
  return combos.map(parseComposed);
}

const DISTANCE_METRICS = ['AV', 'PR', 'UI', 'AC', 'AT', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA', 'CR', 'IR', 'AR'];

/** Severity distances to the first highest-severity vector that is at least as severe everywhere. */
function severityDistances(v: Effective, eq: readonly number[]): Map<string, number> {
  const level = (metric: string, value: string): number => weight(LEVELS[metric] ?? {}, value);
  let distances = new Map<string, number>();
  for (const max of maxVectors(eq)) {
    distances = new Map(DISTANCE_METRICS.map((metric) => [metric, level(metric, v(metric)) - level(metric, max.get(metric) ?? '')]));
    if ([...distances.values()].every((d) => d >= 0)) break;
  }
  return distances;
}

/** Round half up to one decimal; the epsilon keeps x.x5 computed as x.x4999999 from rounding down. */
function round1(x: number): number {
  return Math.round((x + 1e-6) * 10) / 10;
}

export function scoreV4(vector: string, body: string): number {
  const m = parseMetrics(vector, body, TABLE, BASE);
  const v = effectiveValues(m);
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((metric) => v(metric) === 'N')) return 0;
  const eq = macroVector(v);
  const value = scoreOf(eq);
  if (value === undefined) throw new InvalidCvssVectorError(vector, `macro-vector ${key(eq)} has no score`);
  const lower = lowerScores(eq);
  const d = severityDistances(v, eq);
  const sum = (...metrics: string[]): number => metrics.reduce((acc, metric) => acc + (d.get(metric) ?? 0), 0);
  const step = 0.1;
  const [e1, e2, e3, e4, , e6] = eq.map(String);
  const parts: { current: number; depth: number; lower: number | undefined }[] = [
    { current: sum('AV', 'PR', 'UI'), depth: (MAX_SEVERITY.eq1[e1 ?? ''] ?? 1) * step, lower: lower.eq1 },
    { current: sum('AC', 'AT'), depth: (MAX_SEVERITY.eq2[e2 ?? ''] ?? 1) * step, lower: lower.eq2 },
    { current: sum('VC', 'VI', 'VA', 'CR', 'IR', 'AR'), depth: (MAX_SEVERITY.eq3eq6[e3 ?? '']?.[e6 ?? ''] ?? 1) * step, lower: lower.eq3eq6 },
    { current: sum('SC', 'SI', 'SA'), depth: (MAX_SEVERITY.eq4[e4 ?? ''] ?? 1) * step, lower: lower.eq4 },
    // EQ5 (exploit maturity) has no depth: the proportion is always 0.
    { current: 0, depth: 1, lower: lower.eq5 },
  ];
  const existing = parts.filter((p) => p.lower !== undefined);
  const mean = existing.length === 0 ? 0 : existing.reduce((acc, p) => acc + (value - (p.lower ?? value)) * (p.current / p.depth), 0) / existing.length;
  return round1(Math.min(10, Math.max(0, value - mean)));
}
