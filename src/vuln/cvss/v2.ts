/**
 * CVSS v2.0 scores (FIRST "A Complete Guide to the Common Vulnerability Scoring System Version
 * 2.0", section 3.2):
 *
 *   Impact         = 10.41 * (1 - (1 - C) * (1 - I) * (1 - A))
 *   Exploitability = 20 * AV * AC * Au
 *   Base           = round_to_1_decimal(((0.6 * Impact) + (0.4 * Exploitability) - 1.5) * f(Impact))
 *   f(Impact)      = 0 if Impact = 0, else 1.176
 *   Temporal       = round_to_1_decimal(Base * E * RL * RC)
 *   Environmental  = round_to_1_decimal((AdjustedTemporal + (10 - AdjustedTemporal) * CDP) * TD),
 *                    AdjustedTemporal being Temporal recomputed with C, I, A weighted by CR, IR, AR
 *                    (AdjustedImpact = min(10, ...)).
 *
 * Metrics left out count as ND (not defined), which leaves the score unchanged.
 */
import { type MetricTable, parseMetrics, valueOf, weight } from './metrics.js';

const TABLE: MetricTable = {
  AV: ['L', 'A', 'N'], AC: ['H', 'M', 'L'], Au: ['M', 'S', 'N'], C: ['N', 'P', 'C'], I: ['N', 'P', 'C'], A: ['N', 'P', 'C'],
  E: ['U', 'POC', 'F', 'H', 'ND'], RL: ['OF', 'TF', 'W', 'U', 'ND'], RC: ['UC', 'UR', 'C', 'ND'],
  CDP: ['N', 'L', 'LM', 'MH', 'H', 'ND'], TD: ['N', 'L', 'M', 'H', 'ND'], CR: ['L', 'M', 'H', 'ND'], IR: ['L', 'M', 'H', 'ND'], AR: ['L', 'M', 'H', 'ND'],
};
const BASE = ['AV', 'AC', 'Au', 'C', 'I', 'A'];

const ACCESS_VECTOR = { L: 0.395, A: 0.646, N: 1.0 };
const ACCESS_COMPLEXITY = { H: 0.35, M: 0.61, L: 0.71 };
const AUTHENTICATION = { M: 0.45, S: 0.56, N: 0.704 };
const IMPACT = { N: 0.0, P: 0.275, C: 0.66 };
const EXPLOITABILITY = { U: 0.85, POC: 0.9, F: 0.95, H: 1.0, ND: 1.0 };
const REMEDIATION_LEVEL = { OF: 0.87, TF: 0.9, W: 0.95, U: 1.0, ND: 1.0 };
const REPORT_CONFIDENCE = { UC: 0.9, UR: 0.95, C: 1.0, ND: 1.0 };
const COLLATERAL_DAMAGE = { N: 0, L: 0.1, LM: 0.3, MH: 0.4, H: 0.5, ND: 0 };
const TARGET_DISTRIBUTION = { N: 0, L: 0.25, M: 0.75, H: 1.0, ND: 1.0 };
const REQUIREMENT = { L: 0.5, M: 1.0, H: 1.51, ND: 1.0 };

export interface V2Scores {
  readonly base: number;
  readonly temporal: number;
  readonly environmental: number;
}

/** round_to_1_decimal, half up; the nudge absorbs binary noise such as 4.35 stored as 4.3499999. */
function round1(x: number): number {
  return Math.round(x * 10 + 1e-9) / 10;
}

/** `body` is the vector without surrounding parentheses or prefix. */
export function scoreV2(vector: string, body: string): V2Scores {
  const m = parseMetrics(vector, body, TABLE, BASE);
  const w = (table: Readonly<Record<string, number>>, metric: string): number => weight(table, valueOf(m, metric, 'ND'));
  const exploitability = 20 * w(ACCESS_VECTOR, 'AV') * w(ACCESS_COMPLEXITY, 'AC') * w(AUTHENTICATION, 'Au');
  const baseFrom = (impact: number): number => round1((0.6 * impact + 0.4 * exploitability - 1.5) * (impact === 0 ? 0 : 1.176));
  const temporalFrom = (base: number): number => round1(base * w(EXPLOITABILITY, 'E') * w(REMEDIATION_LEVEL, 'RL') * w(REPORT_CONFIDENCE, 'RC'));

  const c = w(IMPACT, 'C');
  const i = w(IMPACT, 'I');
  const a = w(IMPACT, 'A');
  const base = baseFrom(10.41 * (1 - (1 - c) * (1 - i) * (1 - a)));
  const adjustedImpact = Math.min(10, 10.41 * (1 - (1 - c * w(REQUIREMENT, 'CR')) * (1 - i * w(REQUIREMENT, 'IR')) * (1 - a * w(REQUIREMENT, 'AR'))));
  const adjustedTemporal = temporalFrom(baseFrom(adjustedImpact));
  const environmental = round1((adjustedTemporal + (10 - adjustedTemporal) * w(COLLATERAL_DAMAGE, 'CDP')) * w(TARGET_DISTRIBUTION, 'TD'));
  return { base, temporal: temporalFrom(base), environmental };
}
