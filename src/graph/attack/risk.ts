/**
 * Context-aware risk of findings from an attack analysis (docs/risk.md). Linear in the size of
 * the graph: one forward walk from the entry points, one backward walk from the crown jewels, so a
 * step "lies on a route to a jewel" exactly when an entry reaches its start and its end reaches a
 * jewel, whether or not the per-pair path limit let a path through it be listed.
 */
import type { AttackNode, AttackPathsResult, AttackStep } from '../../model/attack.js';
import type { Finding } from '../../model/finding.js';
import type { ResourceRef } from '../../model/resource.js';
import type { FindingRisk, RiskContext } from '../../model/risk.js';
import type { Severity } from '../../model/severity.js';
import { compareText } from '../../lib/compare.js';

/** The score of a finding whose context changes nothing; also the lower edge of its level's band. */
export const BASE_SCORE: Readonly<Record<Severity, number>> = { critical: 80, high: 60, medium: 40, low: 20, info: 5 };

/** Most telling context wins when a finding is behind several steps or objects. */
const CONTEXT_ORDER: readonly RiskContext[] = ['on-path', 'reachable', 'unreachable', 'not-modelled'];

export function riskLevel(score: number): Severity {
  if (score >= BASE_SCORE.critical) return 'critical';
  if (score >= BASE_SCORE.high) return 'high';
  if (score >= BASE_SCORE.medium) return 'medium';
  if (score >= BASE_SCORE.low) return 'low';
  return 'info';
}

/**
 * On a route the score goes at least halfway from the base to 100, the rest of the way in
 * proportion to the likelihood of the most likely listed path through it (0 when none is listed);
 * unreachable halves it; otherwise it is the base.
 */
export function riskScore(severity: Severity, context: RiskContext, likelihood = 0): number {
  const base = BASE_SCORE[severity];
  if (context === 'on-path') return Math.round(base + (100 - base) * (0.5 + 0.5 * Math.min(1, Math.max(0, likelihood))));
  if (context === 'unreachable') return Math.round(base / 2);
  return base;
}

function walk(start: Iterable<string>, next: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set(start);
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const to of next.get(queue[i] ?? '') ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

/**
 * The graph risk is judged on: the whole attack graph (the engine's AttackGraph fits), entries and
 * jewels flagged on its nodes. A result alone lists only the steps of its paths, so without the
 * graph nothing can be found unreachable.
 */
export interface RiskGraph {
  readonly nodes: Iterable<AttackNode>;
  readonly edges: readonly Pick<AttackStep, 'from' | 'to' | 'findingIds'>[];
}

function adjacency(edges: RiskGraph['edges'], reverse: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const edge of edges) {
    const [a, b] = reverse ? [edge.to, edge.from] : [edge.from, edge.to];
    const list = out.get(a);
    if (list === undefined) out.set(a, [b]);
    else list.push(b);
  }
  return out;
}

/** kind/namespace/name, apiVersion left out: a finding and a node name the same object across versions. */
function objectKey(ref: ResourceRef): string {
  return `${ref.kind}\u0000${ref.namespace ?? ''}\u0000${ref.name}`;
}

function better(a: RiskContext | undefined, b: RiskContext): RiskContext {
  return a === undefined || CONTEXT_ORDER.indexOf(b) < CONTEXT_ORDER.indexOf(a) ? b : a;
}

interface Listed {
  readonly paths: Set<string>;
  readonly jewels: Set<string>;
  likelihood: number;
}

function listedPaths(result: AttackPathsResult): Map<string, Listed> {
  const byFinding = new Map<string, Listed>();
  for (const path of result.paths) {
    for (const id of new Set(path.steps.flatMap((s) => s.findingIds))) {
      const entry = byFinding.get(id) ?? { paths: new Set<string>(), jewels: new Set<string>(), likelihood: 0 };
      entry.paths.add(path.id);
      entry.jewels.add(path.jewel);
      entry.likelihood = Math.max(entry.likelihood, path.likelihood);
      byFinding.set(id, entry);
    }
  }
  return byFinding;
}

/** Where each finding (by id) and each object sits: the best context over its steps and nodes. */
function contexts(result: AttackPathsResult, graph: RiskGraph): { byFinding: Map<string, RiskContext>; byObject: Map<string, RiskContext> } {
  const nodes = [...graph.nodes];
  const entries = new Set([...result.entries, ...nodes.filter((n) => n.entry === true).map((n) => n.id)]);
  const jewels = new Set([...result.jewels, ...nodes.filter((n) => n.jewel === true).map((n) => n.id)]);
  const reached = walk(entries, adjacency(graph.edges, false));
  const leadsToJewel = walk(jewels, adjacency(graph.edges, true));
  const byFinding = new Map<string, RiskContext>();
  for (const edge of graph.edges) {
    const context: RiskContext = !reached.has(edge.from) ? 'unreachable' : leadsToJewel.has(edge.to) ? 'on-path' : 'reachable';
    for (const id of edge.findingIds) byFinding.set(id, better(byFinding.get(id), context));
  }
  // An object that is a node but whose finding is no step (missing limits on a workload on a path)
  // is reachable or not; only weaknesses an attacker uses as a step raise the risk.
  const byObject = new Map<string, RiskContext>();
  for (const node of nodes) {
    if (node.resource === undefined) continue;
    const key = objectKey(node.resource);
    byObject.set(key, better(byObject.get(key), reached.has(node.id) ? 'reachable' : 'unreachable'));
  }
  return { byFinding, byObject };
}

function reasonOf(finding: Finding, context: RiskContext, listed: Listed | undefined, labels: ReadonlyMap<string, string>): string {
  switch (context) {
    case 'on-path': {
      if (listed === undefined) return `A step of a route from an entry point to a crown jewel: raised from ${finding.severity}.`;
      const jewels = [...listed.jewels].map((id) => labels.get(id) ?? id).sort(compareText);
      const count = listed.paths.size === 1 ? '1 attack path' : `${listed.paths.size} attack paths`;
      return `A step of ${count} to ${jewels.join(', ')} (most likely ${listed.likelihood.toFixed(2)}): raised from ${finding.severity}.`;
    }
    case 'reachable':
      return 'An entry point reaches it, but no crown jewel lies beyond it: risk is its severity.';
    case 'unreachable':
      return `No entry point reaches it: lowered from ${finding.severity}.`;
    case 'not-modelled':
      return 'The attack graph has no step for it: risk is its severity.';
  }
}

/**
 * A function giving each finding its risk. Findings on no listed path share one risk object per
 * severity and context: a scan can hold hundreds of thousands of them, and a copy each would cost
 * more memory than the findings themselves.
 */
function riskJudge(result: AttackPathsResult, graph: RiskGraph): (finding: Finding) => FindingRisk {
  const { byFinding, byObject } = contexts(result, graph);
  const listed = listedPaths(result);
  const labels = new Map(result.nodes.map((n) => [n.id, n.label]));
  const shared = new Map<Severity, Map<RiskContext, FindingRisk>>();
  // Findings of one object share its ResourceRef: its context is looked up once, not per finding.
  const objectContext = new WeakMap<ResourceRef, RiskContext | undefined>();
  const contextOfObject = (ref: ResourceRef): RiskContext | undefined => {
    if (!objectContext.has(ref)) objectContext.set(ref, byObject.get(objectKey(ref)));
    return objectContext.get(ref);
  };
  const NONE: readonly string[] = [];
  return (finding) => {
    const context = byFinding.get(finding.id) ?? contextOfObject(finding.resource) ?? 'not-modelled';
    const onPaths = context === 'on-path' ? listed.get(finding.id) : undefined;
    const cached = onPaths === undefined ? shared.get(finding.severity)?.get(context) : undefined;
    if (cached !== undefined) return cached;
    const score = riskScore(finding.severity, context, onPaths?.likelihood);
    const risk: FindingRisk = {
      score,
      level: riskLevel(score),
      context,
      paths: onPaths?.paths.size ?? 0,
      jewels: onPaths === undefined ? NONE : [...onPaths.jewels].sort(compareText),
      ...(onPaths === undefined ? {} : { likelihood: onPaths.likelihood }),
      reason: reasonOf(finding, context, onPaths, labels),
    };
    if (onPaths === undefined) shared.set(finding.severity, (shared.get(finding.severity) ?? new Map<RiskContext, FindingRisk>()).set(context, risk));
    return risk;
  };
}

/** The risk of each finding, by finding id; `graph` is the whole graph the result was drawn from. */
export function assessRisk(findings: readonly Finding[], result: AttackPathsResult, graph: RiskGraph = result): Map<string, FindingRisk> {
  const judge = riskJudge(result, graph);
  return new Map(findings.map((finding) => [finding.id, judge(finding)]));
}

/**
 * Gives each finding its risk in place and returns the same array. For a caller that owns the
 * findings (the scan, whose engine made them a moment before): a copy of each of a scan's
 * hundreds of thousands of findings, to add one field, held both sets at the peak of the run.
 */
export function attachRisk(findings: Finding[], result: AttackPathsResult, graph: RiskGraph = result): Finding[] {
  const judge = riskJudge(result, graph);
  for (const finding of findings) (finding as { risk?: FindingRisk }).risk = judge(finding);
  return findings;
}
