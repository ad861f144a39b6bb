/**
 * The attack-path step of `palisade scan`: analyse the scanned objects with their findings, attach
 * each finding's context-aware risk, and decide the path gate. A bad entry or jewel in the
 * configuration is a located problem; an unexpected failure of the analysis is a warning and the
 * scan's other results stand (the findings then carry no risk).
 */
import type { AttackPathsResult } from '../model/attack.js';
import type { Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import type { Resource } from '../model/resource.js';
import { PalisadeError, problem } from '../core/errors.js';
import type { ResourceIndex } from '../core/resource-index.js';
import { analyzeAttackGraph, type AttackOptions } from '../graph/attack/index.js';
import { withRisk } from '../graph/attack/risk.js';

export interface ScanAttackSettings {
  /** Run the analysis at all (configuration `attackPaths.enabled`, default true). */
  readonly enabled: boolean;
  /** Fail the run when any path exists (`--fail-on-path`); implies running the analysis. */
  readonly failOnPath: boolean;
  /** Entry points and crown jewels (the analysis's defaults when absent). */
  readonly from?: readonly string[];
  readonly to?: readonly string[];
  /** The configuration's `crownJewels` selectors (the `configured` jewel group), as `palisade attack-paths` takes them. */
  readonly jewelSelectors?: AttackOptions['jewelSelectors'];
}

/**
 * `pathGateFails`: the path gate is set and a path exists, or the analysis it needs could not run
 * (a gate that cannot be evaluated fails closed rather than passing silently).
 */
export type ScanAttackOutcome =
  | { readonly ran: false; readonly findings: readonly Finding[]; readonly problems: readonly Problem[]; readonly pathGateFails: boolean }
  | { readonly ran: true; readonly findings: readonly Finding[]; readonly problems: readonly Problem[]; readonly result: AttackPathsResult; readonly pathGateFails: boolean };

/**
 * The scan does not verify the cut by re-running the analysis on the patched objects, and gives
 * the exact hitting-set search a smaller budget than `palisade attack-paths`: past it the stated
 * flow bound applies. The scan stays cheap; the dedicated command spends more to prove the cut.
 */
const SCAN_BUDGET = { maxRounds: 40, maxNodes: 20_000 };

export function scanAttackPaths(resources: readonly Resource[], index: ResourceIndex, findings: readonly Finding[], settings: ScanAttackSettings): ScanAttackOutcome {
  if (!settings.enabled && !settings.failOnPath) return { ran: false, findings, problems: [], pathGateFails: false };
  // Nothing to analyse (an image-only scan): no path can exist.
  if (resources.length === 0) return { ran: false, findings, problems: [], pathGateFails: false };
  const options = {
    ...(settings.from === undefined ? {} : { from: settings.from }),
    ...(settings.to === undefined ? {} : { to: settings.to }),
    ...(settings.jewelSelectors === undefined ? {} : { jewelSelectors: settings.jewelSelectors }),
    verify: false,
    budget: SCAN_BUDGET,
  };
  try {
    // The result keeps only the steps of its paths; risk needs the whole graph to tell what no
    // entry point reaches.
    const { result, graph } = analyzeAttackGraph({ resources, index, findings }, options);
    return {
      ran: true,
      findings: withRisk(findings, result, { nodes: graph.nodes.values(), edges: graph.edges }),
      problems: [],
      result,
      pathGateFails: settings.failOnPath && result.paths.length > 0,
    };
  } catch (error) {
    if (error instanceof PalisadeError) return { ran: false, findings, problems: [error.problem], pathGateFails: settings.failOnPath };
    const reason = error instanceof Error ? error.message : String(error);
    const failed = problem('attack-analysis-failed', `the attack-path analysis failed: ${reason}; the report has no attack paths and no risk`);
    return { ran: false, findings, problems: [failed], pathGateFails: settings.failOnPath };
  }
}
