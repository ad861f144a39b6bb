/**
 * Context-aware risk: a finding's severity weighed by where it sits in the attack graph. A
 * weakness on a route from an entry point to a crown jewel matters more than its severity says;
 * one that no entry point can reach matters less. docs/risk.md states the formula.
 */
import type { Severity } from './severity.js';

export const RISK_CONTEXTS = ['on-path', 'reachable', 'unreachable', 'not-modelled'] as const;
/**
 * - on-path: the weakness is a step of a route from an entry point to a crown jewel;
 * - reachable: an entry point reaches it, but no crown jewel lies beyond it;
 * - unreachable: it is in the attack graph and no entry point reaches it;
 * - not-modelled: the attack graph has no step or object for it (resource limits, probes ...),
 *   so its risk is its severity.
 */
export type RiskContext = (typeof RISK_CONTEXTS)[number];

export interface FindingRisk {
  /** 0-100: the severity's base score, raised on a path, halved when unreachable. */
  readonly score: number;
  /** The score's band, named like severities so the same colours and gates apply. */
  readonly level: Severity;
  readonly context: RiskContext;
  /** How many of the listed attack paths take a step this finding reports. */
  readonly paths: number;
  /** The crown jewels (attack node ids) those listed paths end at, sorted. */
  readonly jewels: readonly string[];
  /** The likelihood of the most likely listed path through it (on-path only). */
  readonly likelihood?: number;
  /** One plain sentence saying why the score differs from the severity (or that it does not). */
  readonly reason: string;
}
