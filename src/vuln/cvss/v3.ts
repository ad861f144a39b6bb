/**
 * CVSS v3.0 and v3.1 base scores (FIRST CVSS v3.1 Specification, section 7.1; v3.0 section 8.1):
 *
 *   ISS            = 1 - (1 - C) * (1 - I) * (1 - A)
 *   Impact         = 6.42 * ISS                                           (Scope Unchanged)
 *                  = 7.52 * (ISS - 0.029) - 3.25 * (ISS - 0.02)^15         (Scope Changed)
 *   Exploitability = 8.22 * AV * AC * PR * UI     (PR weighs more when the scope changes)
 *   Base           = 0 if Impact <= 0, else Roundup(min(Impact + Exploitability, 10)), with the
 *                    sum multiplied by 1.08 first when the scope changes.
 *
 * The two versions differ only in Roundup: v3.0 takes the smallest one-decimal number not below
 * the input, which floating-point noise can push one step too high (4.0000001 -> 4.1); v3.1
 * (Appendix A) rounds on an integer scale of 1/100000 first so that cannot happen.
 */
import { type MetricTable, parseMetrics, valueOf, weight } from './metrics.js';

const CIA = ['H', 'L', 'N'];
const MODIFIED_CIA = ['X', 'H', 'L', 'N'];
const TABLE: MetricTable = {
  AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], PR: ['N', 'L', 'H'], UI: ['N', 'R'], S: ['U', 'C'], C: CIA, I: CIA, A: CIA,
  E: ['X', 'H', 'F', 'P', 'U'], RL: ['X', 'U', 'W', 'T', 'O'], RC: ['X', 'C', 'R', 'U'],
  CR: ['X', 'H', 'M', 'L'], IR: ['X', 'H', 'M', 'L'], AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'], MAC: ['X', 'L', 'H'], MPR: ['X', 'N', 'L', 'H'], MUI: ['X', 'N', 'R'], MS: ['X', 'U', 'C'],
  MC: MODIFIED_CIA, MI: MODIFIED_CIA, MA: MODIFIED_CIA,
};
const BASE = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'];

const ATTACK_VECTOR = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const ATTACK_COMPLEXITY = { L: 0.77, H: 0.44 };
const PRIVILEGES_UNCHANGED = { N: 0.85, L: 0.62, H: 0.27 };
const PRIVILEGES_CHANGED = { N: 0.85, L: 0.68, H: 0.5 };
const USER_INTERACTION = { N: 0.85, R: 0.62 };
const CIA_WEIGHT = { H: 0.56, L: 0.22, N: 0 };

/** v3.1 Roundup (Appendix A). */
function roundUp31(x: number): number {
  const scaled = Math.round(x * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

/** v3.0 Roundup, literally: the smallest number with one decimal that is >= x. */
function roundUp30(x: number): number {
  return Math.ceil(x * 10) / 10;
}

export function scoreV3(vector: string, body: string, version: '3.0' | '3.1'): number {
  const m = parseMetrics(vector, body, TABLE, BASE);
  const changed = valueOf(m, 'S') === 'C';
  const iss = 1 - (1 - weight(CIA_WEIGHT, valueOf(m, 'C'))) * (1 - weight(CIA_WEIGHT, valueOf(m, 'I'))) * (1 - weight(CIA_WEIGHT, valueOf(m, 'A')));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const privileges = changed ? PRIVILEGES_CHANGED : PRIVILEGES_UNCHANGED;
  const exploitability = 8.22 * weight(ATTACK_VECTOR, valueOf(m, 'AV')) * weight(ATTACK_COMPLEXITY, valueOf(m, 'AC'))
    * weight(privileges, valueOf(m, 'PR')) * weight(USER_INTERACTION, valueOf(m, 'UI'));
  if (impact <= 0) return 0;
  const roundUp = version === '3.1' ? roundUp31 : roundUp30;
  return roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}
