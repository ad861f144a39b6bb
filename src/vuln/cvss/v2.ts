/**
 * CVSS v2.0 base score (FIRST "A Complete Guide to the Common Vulnerability Scoring System
 * Version 2.0", section 3.2.1):
 *
 *   Impact         = 10.41 * (1 - (1 - C) * (1 - I) * (1 - A))
 *   Exploitability = 20 * AV * AC * Au
 *   Base           = round_to_1_decimal(((0.6 * Impact) + (0.4 * Exploitability) - 1.5) * f(Impact))
 *   f(Impact)      = 0 if Impact = 0, else 1.176
 *
 * Temporal and environmental metrics are validated but do not change the base score.
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

/** round_to_1_decimal, half up; the nudge absorbs binary noise such as 4.35 stored as 4.3499999. */
function round1(x: number): number {
  return Math.round(x * 10 + 1e-9) / 10;
}

/** `body` is the vector without surrounding parentheses or prefix. */
export function scoreV2(vector: string, body: string): number {
  const m = parseMetrics(vector, body, TABLE, BASE);
  const impact = 10.41 * (1 - (1 - weight(IMPACT, valueOf(m, 'C'))) * (1 - weight(IMPACT, valueOf(m, 'I'))) * (1 - weight(IMPACT, valueOf(m, 'A'))));
  const exploitability = 20 * weight(ACCESS_VECTOR, valueOf(m, 'AV')) * weight(ACCESS_COMPLEXITY, valueOf(m, 'AC')) * weight(AUTHENTICATION, valueOf(m, 'Au'));
  const f = impact === 0 ? 0 : 1.176;
  return round1((0.6 * impact + 0.4 * exploitability - 1.5) * f);
}
