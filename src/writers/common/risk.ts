/**
 * How every writer words a finding's risk: the mark beside the score (raised by an attack path,
 * lowered because nothing reaches it) and the context in words.
 */
import type { Finding } from '../../model/finding.js';
import type { RiskContext } from '../../model/risk.js';

/** '↑' raised by an attack path, '↓' lowered because nothing reaches it, '' unchanged. */
export const RISK_ARROWS: Readonly<Record<RiskContext, string>> = { 'on-path': '↑', unreachable: '↓', reachable: '', 'not-modelled': '' };

export const RISK_CONTEXTS: Readonly<Record<RiskContext, string>> = {
  'on-path': 'on an attack path',
  reachable: 'reachable',
  unreachable: 'unreachable',
  'not-modelled': 'not in the attack graph',
};

/** Whether the attack analysis weighed any of the findings (else writers show no risk at all). */
export function hasRisk(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.risk !== undefined);
}
