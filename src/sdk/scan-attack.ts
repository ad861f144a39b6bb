/**
 * The attack-path step of `palisade scan`: analyse the scanned objects with their findings, attach
 * each finding's context-aware risk, and decide the path gate. A bad entry or jewel in the
 * configuration is a located problem; an unexpected failure of the analysis is a warning and the
 * scan's other results stand (the findings then carry no risk).
 */
import type { AttackPathsResult, ImageVulnerabilities } from '../model/attack.js';
import type { Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import type { Resource } from '../model/resource.js';
import { PalisadeError, problem } from '../core/errors.js';
import type { ResourceIndex } from '../core/resource-index.js';
import { analyzeAttackGraph, type AttackOptions } from '../graph/attack/index.js';
import { attachRisk } from '../graph/attack/risk.js';

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
    const vulnerabilities = imageVulnerabilities(findings);
    const { result, graph } = analyzeAttackGraph({ resources, index, findings, ...(vulnerabilities.length === 0 ? {} : { vulnerabilities }) }, options);
    return {
      ran: true,
      findings: attachRisk([...findings], result, { nodes: graph.nodes.values(), edges: graph.edges }),
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

type AttackVulnerability = ImageVulnerabilities['vulnerabilities'][number];

/**
 * The scan's own unsuppressed vulnerability findings as the attack analysis takes them. An image
 * a workload runs is scanned as docker://REF and its findings name it REF, exactly as the pod
 * spec writes it, which is how the analysis finds the workloads that run it.
 */
function imageVulnerabilities(findings: readonly Finding[]): ImageVulnerabilities[] {
  const byImage = new Map<string, AttackVulnerability[]>();
  for (const finding of findings) {
    const v = finding.vulnerability;
    if (v === undefined || finding.suppressed) continue;
    // The vector the analysis reads for "remote code execution": the strongest CVSS 3.x or 4.0 one.
    const vector = [...v.cvss].filter((c) => c.version !== '2.0').sort((a, b) => b.baseScore - a.baseScore)[0]?.vector;
    const severity = v.rating === 'info' ? 'low' : v.rating;
    const entry: AttackVulnerability = {
      id: v.id,
      package: v.package.name,
      version: v.package.version,
      severity,
      ...(v.fix.state === 'fixed' ? { fixedVersion: v.fix.version } : {}),
      ...(vector === undefined ? {} : { cvssVector: vector }),
    };
    const list = byImage.get(finding.resource.name);
    if (list === undefined) byImage.set(finding.resource.name, [entry]);
    else list.push(entry);
  }
  return [...byImage].map(([image, vulnerabilities]) => ({ image, vulnerabilities }));
}
