/**
 * Paths from the entries to the jewels: a breadth-first search from each entry (never past a
 * jewel: reaching one is the goal, and cutting it cuts what lies beyond), then the shortest paths
 * to each jewel reached, read off the shortest-path DAG, at most `perPair` per entry/jewel pair.
 * Steps through network hubs are shown as one network step.
 */
import { createHash } from 'node:crypto';
import type { AttackPath, AttackStep } from '../../model/attack.js';
import type { AttackGraph, Edge } from './graph.js';

export interface PathLimits {
  readonly perPair: number;
  readonly total: number;
}

export interface FoundPaths {
  readonly paths: AttackPath[];
  readonly truncated: boolean;
  readonly reachablePairs: number;
}

export function findAttackPaths(graph: AttackGraph, entries: readonly string[], jewels: ReadonlySet<string>, limits: PathLimits): FoundPaths {
  const raw: { steps: Edge[]; entry: string; jewel: string }[] = [];
  let truncated = false;
  let reachablePairs = 0;
  for (const entry of entries) {
    if (jewels.has(entry)) continue;
    const dist = new Map<string, number>([[entry, 0]]);
    // Edges that step one layer further: the shortest-path DAG, walked back from each jewel.
    const preds = new Map<string, Edge[]>();
    const queue = [entry];
    const reached: string[] = [];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i] ?? '';
      if (id !== entry && jewels.has(id)) {
        reached.push(id);
        continue;
      }
      const d = dist.get(id) ?? 0;
      for (const e of graph.out(id)) {
        const edge = graph.edge(e);
        const known = dist.get(edge.to);
        if (known === undefined) {
          dist.set(edge.to, d + 1);
          queue.push(edge.to);
          preds.set(edge.to, [edge]);
        } else if (known === d + 1) preds.get(edge.to)?.push(edge);
      }
    }
    reachablePairs += reached.length;
    for (const jewel of reached) {
      const found = shortestPaths(entry, jewel, preds, limits.perPair + 1);
      if (found.length > limits.perPair) truncated = true;
      for (const steps of found.slice(0, limits.perPair)) raw.push({ steps, entry, jewel });
    }
  }
  const byId = new Map<string, AttackPath>();
  for (const p of raw) {
    const path = toPath(p.entry, p.jewel, p.steps, graph);
    byId.set(path.id, path);
  }
  const paths = [...byId.values()];
  paths.sort((a, b) => a.length - b.length || b.likelihood - a.likelihood || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (paths.length > limits.total) truncated = true;
  return { paths: paths.slice(0, limits.total), truncated, reachablePairs };
}

/** Shortest paths entry -> jewel, most likely steps first, at most `limit`. */
function shortestPaths(entry: string, jewel: string, preds: ReadonlyMap<string, Edge[]>, limit: number): Edge[][] {
  const into = (id: string): Edge[] => [...(preds.get(id) ?? [])].sort((a, b) => b.probability - a.probability);
  const out: Edge[][] = [];
  const walk = (id: string, suffix: Edge[]): void => {
    if (out.length >= limit) return;
    if (id === entry) {
      out.push([...suffix].reverse());
      return;
    }
    for (const edge of into(id)) {
      suffix.push(edge);
      walk(edge.from, suffix);
      suffix.pop();
      if (out.length >= limit) return;
    }
  };
  walk(jewel, []);
  return out;
}

function toPath(entry: string, jewel: string, edges: readonly Edge[], graph: AttackGraph): AttackPath {
  const steps = mergeNetworkHubs(edges, graph);
  const likelihood = Math.round(edges.reduce((p, e) => p * e.probability, 1) * 1e6) / 1e6;
  const id = createHash('sha256').update(edges.map((e) => `${e.from}>${e.kind}>${e.to}`).join('|')).digest('hex').slice(0, 16);
  return { id, entry, jewel, steps, likelihood, length: steps.length };
}

/** X -> net-out -> net-in -> service becomes one network step X -> service carrying the ports and every fix. */
function mergeNetworkHubs(edges: readonly Edge[], graph: AttackGraph): AttackStep[] {
  const out: AttackStep[] = [];
  let pending: Edge[] = [];
  for (const edge of edges) {
    const intoHub = graph.nodes.get(edge.to)?.kind === 'network';
    if (intoHub || pending.length > 0) pending.push(edge);
    else out.push(stepOf(edge));
    if (!intoHub && pending.length > 0) {
      out.push(merged(pending, graph));
      pending = [];
    }
  }
  for (const edge of pending) out.push(stepOf(edge));
  return out;
}

function stepOf(edge: Edge): AttackStep {
  return { from: edge.from, to: edge.to, kind: edge.kind, explanation: edge.explanation, evidence: edge.evidence, findingIds: [...edge.findingIds], fixIds: [...edge.fixIds] };
}

function merged(edges: readonly Edge[], graph: AttackGraph): AttackStep {
  const first = edges[0] as Edge;
  const last = edges[edges.length - 1] as Edge;
  const ports = edges.map((e) => e.evidence.ports).find((p) => p !== undefined);
  const target = graph.nodes.get(last.to)?.label ?? last.to;
  return {
    from: first.from,
    to: last.to,
    kind: 'network',
    explanation: `open a connection to ${target}${ports === undefined ? '' : ` on ${ports}`}: the network policies allow it`,
    evidence: ports === undefined ? {} : { ports },
    findingIds: [...new Set(edges.flatMap((e) => e.findingIds))],
    fixIds: [...new Set(edges.flatMap((e) => e.fixIds))],
  };
}
