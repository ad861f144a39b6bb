/**
 * The attack-path analysis end to end: build the graph, resolve entries and jewels, list the
 * ranked paths, compute the minimal cut, and check the cut by re-running the analysis on the input
 * with the fixes applied (a path the re-run still finds becomes one more constraint of the cut).
 */
import { ATTACK_PATHS_SCHEMA_VERSION, type AttackFix, type AttackNode, type AttackPath, type AttackPathsResult, type AttackStep } from '../../model/attack.js';
import { stringify } from 'yaml';
import { PalisadeError, problem } from '../../core/errors.js';
import { NetpolError } from '../netpol/errors.js';
import { applyFixes } from './apply.js';
import { buildAttackGraph, type AttackInput, type BuiltGraph } from './build.js';
import { firstCuttablePath, minimalCut, type CutBudget, type Oracle } from './cut.js';
import type { AttackGraph } from './graph.js';
import { findAttackPaths } from './paths.js';
import { combinedPatches } from './remove-verb.js';
import { CONFIGURED, configuredJewels, DEFAULT_ENTRIES, DEFAULT_JEWELS, resolveEntry, resolveJewel, type JewelSelector } from './select.js';

export interface AttackOptions {
  /** Entry points (see select.ts); default: the internet and every workload. */
  readonly from?: readonly string[];
  /** Crown jewels; default: cluster-admin, secrets, nodes. */
  readonly to?: readonly string[];
  /** Paths listed per entry/jewel pair (default 3). */
  readonly maxPathsPerPair?: number;
  /** Paths listed in all (default 1000). */
  readonly maxPaths?: number;
  /** Re-run the analysis on the fixed input to check the cut (default: inputs up to 500 workloads). */
  readonly verify?: boolean;
  readonly budget?: CutBudget;
  /** Crown jewels from the configuration: the `configured` jewel group (added to the defaults when `to` is absent). */
  readonly jewelSelectors?: readonly JewelSelector[];
}

const DEFAULT_BUDGET: CutBudget = { maxRounds: 300, maxNodes: 200_000 };
/** Inputs up to this many workloads are re-analysed with the cut applied (each re-run is a full build). */
const VERIFY_UP_TO_WORKLOADS = 500;
/** Re-runs on the fixed input per analysis: each costs a full graph build. */
const MAX_VERIFICATIONS = 4;

/** The result, and the whole graph it was drawn from (risk needs to know what no entry point reaches). */
export interface AttackAnalysis {
  readonly result: AttackPathsResult;
  readonly graph: AttackGraph;
}

export function analyzeAttackPaths(input: AttackInput, options: AttackOptions = {}): AttackPathsResult {
  return analyzeAttackGraph(input, options).result;
}

export function analyzeAttackGraph(input: AttackInput, options: AttackOptions = {}): AttackAnalysis {
  const built = guardedBuild(input);
  const { graph } = built;
  const fromSpecs = options.from ?? DEFAULT_ENTRIES;
  const selectors = options.jewelSelectors ?? [];
  const toSpecs = options.to ?? [...DEFAULT_JEWELS, CONFIGURED];
  const { entries, jewels, groups } = select(built, fromSpecs, toSpecs, selectors);
  for (const id of entries) graph.mark(id, 'entry');
  for (const id of jewels) graph.mark(id, 'jewel');
  const found = findAttackPaths(graph, entries, groups, { perPair: options.maxPathsPerPair ?? 3, total: options.maxPaths ?? 1000 });
  const verify = options.verify ?? built.workloads.length <= VERIFY_UP_TO_WORKLOADS;
  const cut = minimalCut(graph, entries, jewels, options.budget ?? DEFAULT_BUDGET, verify ? verifier(input, graph, fromSpecs, toSpecs, selectors) : undefined);
  const chosen = new Set(cut.fixIds);
  const fixes = fixesOf(graph, found.paths, chosen, input.resources);
  const uncuttableJewels = new Set(cut.uncuttableJewels);
  const uncuttable = found.paths.filter((p) => uncuttableJewels.has(p.jewel)).map((p) => p.id);
  const { nodes, edges } = subgraphOf(graph, found.paths);
  const result: AttackPathsResult = {
    schemaVersion: ATTACK_PATHS_SCHEMA_VERSION,
    entries,
    jewels: [...jewels],
    nodes,
    edges,
    paths: found.paths,
    fixes,
    cut: { fixIds: [...cut.fixIds].sort(), cost: cut.cost, optimal: cut.optimal, lowerBound: cut.lowerBound, method: cut.method, guarantee: cut.guarantee, uncuttable },
    stats: { nodes: graph.nodes.size, edges: graph.edges.length, workloads: built.workloads.length, pods: built.pods, paths: found.paths.length, reachablePairs: found.reachablePairs },
    ...(found.truncated ? { truncated: true } : {}),
  };
  return { result, graph };
}

function guardedBuild(input: AttackInput): BuiltGraph {
  try {
    return buildAttackGraph(input);
  } catch (error) {
    if (error instanceof NetpolError) throw new PalisadeError(problem('netpol-invalid', error.message, error.place ?? {}));
    throw error;
  }
}

function select(built: BuiltGraph, fromSpecs: readonly string[], toSpecs: readonly string[], selectors: readonly JewelSelector[]): { entries: string[]; jewels: Set<string>; groups: Set<string>[] } {
  const entries = new Set<string>();
  for (const spec of fromSpecs) {
    const r = resolveEntry(spec, built.graph, built.workloads);
    if (!r.ok) throw new PalisadeError(problem('attack-bad-entry', r.message));
    for (const id of r.ids) entries.add(id);
  }
  const jewels = new Set<string>();
  const groups: Set<string>[] = [];
  for (const spec of toSpecs) {
    const r = spec.trim() === CONFIGURED ? { ok: true as const, ids: configuredJewels(selectors, built.graph, built.workloads) } : resolveJewel(spec, built.graph, built.workloads);
    if (!r.ok) throw new PalisadeError(problem('attack-bad-target', r.message));
    groups.push(new Set(r.ids));
    for (const id of r.ids) jewels.add(id);
  }
  return { entries: [...entries].sort(), jewels: new Set([...jewels].sort()), groups };
}

/**
 * The cut is computed on the graph; the re-run checks it against the analysis itself (an RBAC
 * step may be granted by a second binding the graph's evidence did not name). A path the re-run
 * finds adds its fixes, taken over into this graph, as one more constraint.
 */
function verifier(input: AttackInput, graph: AttackGraph, fromSpecs: readonly string[], toSpecs: readonly string[], selectors: readonly JewelSelector[]): Oracle {
  let runs = 0;
  return (chosen) => {
    if (runs >= MAX_VERIFICATIONS) return undefined;
    runs++;
    const fixes = [...chosen].flatMap((id) => {
      const fix = graph.fixes.get(id);
      return fix === undefined ? [] : [fix];
    });
    const fixed = applyFixes(input.resources, input.vulnerabilities ?? [], fixes);
    const rebuilt = guardedBuild({ resources: fixed.resources, vulnerabilities: fixed.vulnerabilities });
    const { entries, jewels } = select(rebuilt, fromSpecs, toSpecs, selectors);
    const path = firstCuttablePath(rebuilt.graph, entries, jewels);
    if (path === undefined) return undefined;
    const need = new Set<string>();
    for (const e of path) {
      for (const id of rebuilt.graph.edge(e).fixIds) {
        const fix = rebuilt.graph.fixes.get(id);
        if (fix !== undefined) graph.addFix(fix);
        need.add(id);
      }
    }
    return [...need];
  };
}

function fixesOf(graph: AttackGraph, paths: readonly AttackPath[], chosen: ReadonlySet<string>, resources: AttackInput['resources']): AttackFix[] {
  const cuts = new Map<string, string[]>();
  for (const path of paths) for (const step of path.steps) for (const id of step.fixIds) {
    const list = cuts.get(id) ?? [];
    if (!list.includes(path.id)) list.push(path.id);
    cuts.set(id, list);
  }
  const ids = new Set([...chosen, ...cuts.keys()]);
  const together = combinedPatches(resources, [...chosen].flatMap((id) => graph.fixes.get(id) ?? []));
  const out: AttackFix[] = [];
  for (const id of ids) {
    const found = graph.fixes.get(id);
    if (found === undefined) continue;
    const combined = together.get(id);
    const fix = combined === undefined ? found : { ...found, patch: combined };
    out.push({
      id,
      kind: fix.kind,
      description: fix.description,
      cost: fix.cost,
      ...(fix.resource === undefined ? {} : { resource: fix.resource }),
      cuts: (cuts.get(id) ?? []).sort(),
      ...(fix.patch === undefined ? {} : { patch: stringify(fix.patch, { lineWidth: 0 }) }),
      ...(fix.patchType === undefined ? {} : { patchType: fix.patchType }),
    });
  }
  return out.sort((a, b) => Number(chosen.has(b.id)) - Number(chosen.has(a.id)) || a.cost - b.cost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The nodes and (merged) steps of the listed paths: what a reader or a picture needs. */
function subgraphOf(graph: AttackGraph, paths: readonly AttackPath[]): { nodes: AttackNode[]; edges: AttackStep[] } {
  const nodeIds = new Set<string>();
  const edges = new Map<string, AttackStep>();
  for (const path of paths) {
    for (const step of path.steps) {
      nodeIds.add(step.from);
      nodeIds.add(step.to);
      edges.set(`${step.from}|${step.kind}|${step.to}`, step);
    }
  }
  const nodes = [...nodeIds].sort().flatMap((id) => {
    const node = graph.nodes.get(id);
    return node === undefined ? [] : [node];
  });
  return { nodes, edges: [...edges.values()].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1)) };
}
