/**
 * CVSS v3.0 and v3.1 scores (FIRST CVSS v3.1 Specification, section 7; v3.0 section 8):
 *
 *   ISS            = 1 - (1 - C) * (1 - I) * (1 - A)
 *   Impact         = 6.42 * ISS                                           (Scope Unchanged)
 *                  = 7.52 * (ISS - 0.029) - 3.25 * (ISS - 0.02)^15         (Scope Changed)
 *   Exploitability = 8.22 * AV * AC * PR * UI     (PR weighs more when the scope changes)
 *   Base           = 0 if Impact <= 0, else Roundup(min(Impact + Exploitability, 10)), with the
 *                    sum multiplied by 1.08 first when the scope changes.
 *   Temporal       = Roundup(Base * E * RL * RC)
 *   Environmental  = the same with modified metrics (MAV.. MA, X meaning "as in the base"), the
 *                    impact capped by MISS = min(1 - (1 - CR*MC)(1 - IR*MI)(1 - AR*MA), 0.915), and
 *                    for a changed scope in v3.1 7.52 * (MISS - 0.029) - 3.25 * (MISS * 0.9731 - 0.02)^13.
 *
 * Roundup differs between the versions: v3.0 takes the smallest one-decimal number not below the
 * input; v3.1 (Appendix A) first rounds to 1/100000 so floating-point noise cannot push a result
 * one step up.
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
const EXPLOIT_MATURITY = { X: 1, H: 1, F: 0.97, P: 0.94, U: 0.91 };
const REMEDIATION_LEVEL = { X: 1, U: 1, W: 0.97, T: 0.96, O: 0.95 };
const REPORT_CONFIDENCE = { X: 1, C: 1, R: 0.96, U: 0.92 };
const REQUIREMENT = { X: 1, H: 1.5, M: 1, L: 0.5 };

export interface V3Scores {
  readonly base: number;
  readonly temporal: number;
  readonly environmental: number;
}

/** v3.1 Roundup (Appendix A). */
function roundUp31(x: number): number {
  const scaled = Math.round(x * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

/** v3.0 Roundup, literally: the smallest number with one decimal that is >= x. */
function roundUp30(x: number): number {
  return Math.ceil(x * 10) / 10;
}

export function scoreV3(vector: string, body: string, version: '3.0' | '3.1'): V3Scores {
  const m = parseMetrics(vector, body, TABLE, BASE);
  const roundUp = version === '3.1' ? roundUp31 : roundUp30;
  const w = (table: Readonly<Record<string, number>>, value: string): number => weight(table, value);
  /** The value an environmental metric stands for: its own unless X, then the base metric's. */
  const modified = (metric: string): string => {
    const value = valueOf(m, `M${metric}`);
    return value === 'X' ? valueOf(m, metric) : value;
  };
  const exploitabilityOf = (get: (metric: string) => string, changed: boolean): number =>
    8.22 * w(ATTACK_VECTOR, get('AV')) * w(ATTACK_COMPLEXITY, get('AC')) * w(changed ? PRIVILEGES_CHANGED : PRIVILEGES_UNCHANGED, get('PR'))
    * w(USER_INTERACTION, get('UI'));
  const scoreOf = (impact: number, exploitability: number, changed: boolean): number =>
    impact <= 0 ? 0 : roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
  const temporalFactor = w(EXPLOIT_MATURITY, valueOf(m, 'E')) * w(REMEDIATION_LEVEL, valueOf(m, 'RL')) * w(REPORT_CONFIDENCE, valueOf(m, 'RC'));

  const changed = valueOf(m, 'S') === 'C';
  const cia = (metric: string): number => w(CIA_WEIGHT, valueOf(m, metric));
  const iss = 1 - (1 - cia('C')) * (1 - cia('I')) * (1 - cia('A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const base = scoreOf(impact, exploitabilityOf((metric) => valueOf(m, metric), changed), changed);

  const modifiedChanged = modified('S') === 'C';
  const requirement = (metric: string): number => w(REQUIREMENT, valueOf(m, `${metric}R`));
  const miss = Math.min(1 - (1 - requirement('C') * w(CIA_WEIGHT, modified('C'))) * (1 - requirement('I') * w(CIA_WEIGHT, modified('I')))
    * (1 - requirement('A') * w(CIA_WEIGHT, modified('A'))), 0.915);
  const changedTail = version === '3.1' ? 3.25 * Math.pow(miss * 0.9731 - 0.02, 13) : 3.25 * Math.pow(miss - 0.02, 15);
  const modifiedImpact = modifiedChanged ? 7.52 * (miss - 0.029) - changedTail : 6.42 * miss;
  const modifiedScore = scoreOf(modifiedImpact, exploitabilityOf(modified, modifiedChanged), modifiedChanged);
  return {
    base,
    temporal: roundUp(base * temporalFactor),
    environmental: modifiedImpact <= 0 ? 0 : roundUp(modifiedScore * temporalFactor),
  };
}
