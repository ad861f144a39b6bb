/**
 * Paths from the entries to the jewels, ranked. For each group of jewels (one per `--to` spec) one
 * breadth-first search backwards from the group gives every node's distance to its nearest jewel
 * (never through another jewel: reaching one is the goal, and cutting it cuts what lies beyond).
 * Each entry then lists up to `perGroup` shortest paths to its nearest jewels of each group, by
 * walking forward over the edges that bring it one step closer. The cost is one search per group
 * plus the paths listed, so assume-breach over thousands of workloads stays linear.
 * Steps through network hubs are shown as one network step.
 */
import { createHash } from 'node:crypto';
import type { AttackPath, AttackStep } from '../../model/attack.js';
import type { AttackGraph, Edge } from './graph.js';
import { isMountRead } from './mounted-secrets.js';

export interface PathLimits {
  /** Paths per entry and jewel group. */
  readonly perPair: number;
  readonly total: number;
}

export interface FoundPaths {
  readonly paths: AttackPath[];
  readonly truncated: boolean;
  /** Entry and jewel-group pairs with at least one path. */
  readonly reachablePairs: number;
}

export function findAttackPaths(graph: AttackGraph, entries: readonly string[], groups: readonly ReadonlySet<string>[], limits: PathLimits): FoundPaths {
  const allJewels = new Set(groups.flatMap((g) => [...g]));
  const incoming = incomingEdges(graph);
  const candidates: { entry: string; group: number; length: number }[] = [];
  const distances = groups.map((group) => distanceTo(group, allJewels, incoming));
  groups.forEach((group, g) => {
    const dist = distances[g] as Map<string, number>;
    for (const entry of entries) {
      const d = entryDistance(graph, entry, group, allJewels, dist);
      if (d !== undefined && !group.has(entry)) candidates.push({ entry, group: g, length: d });
    }
  });
  // Shortest first; past `total` paths only whole lengths are kept, so the ranking stays exact.
  candidates.sort((a, b) => a.length - b.length || (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : a.group - b.group));
  const byId = new Map<string, AttackPath>();
  let truncated = false;
  const fallback = { visits: 0 };
  let lastLength = 0;
  for (const c of candidates) {
    if (byId.size >= limits.total && c.length > lastLength) {
      truncated = true;
      break;
    }
    lastLength = c.length;
    const group = groups[c.group] as ReadonlySet<string>;
    const held = heldBy(graph, c.entry);
    let found = walkForward(graph, c.entry, c.length, group, held, allJewels, distances[c.group] as Map<string, number>, limits.perPair + 1);
    // Every nearest jewel is one the entry already holds: the nearest it does not hold lies further.
    if (found.length === 0 && held.size > 0) {
      const path = shortestAvoiding(graph, c.entry, group, held, allJewels, fallback);
      if (path === 'over-budget') truncated = true;
      else if (path !== undefined) found = [path];
    }
    if (found.length > limits.perPair) truncated = true;
    for (const steps of found.slice(0, limits.perPair)) {
      const path = toPath(c.entry, steps, graph);
      byId.set(path.id, path);
    }
  }
  const paths = [...byId.values()];
  paths.sort((a, b) => a.length - b.length || b.likelihood - a.likelihood || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (paths.length > limits.total) truncated = true;
  return { paths: paths.slice(0, limits.total), truncated, reachablePairs: candidates.length };
}

function incomingEdges(graph: AttackGraph): Map<string, Edge[]> {
  const incoming = new Map<string, Edge[]>();
  for (const edge of graph.edges) {
    const list = incoming.get(edge.to);
    if (list === undefined) incoming.set(edge.to, [edge]);
    else list.push(edge);
  }
  return incoming;
}

/** Steps from each node to the nearest jewel of the group, never passing through any jewel. */
function distanceTo(group: ReadonlySet<string>, allJewels: ReadonlySet<string>, incoming: ReadonlyMap<string, Edge[]>): Map<string, number> {
  const dist = new Map<string, number>();
  const queue: string[] = [];
  for (const id of group) {
    dist.set(id, 0);
    queue.push(id);
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    const d = dist.get(id) ?? 0;
    for (const edge of incoming.get(id) ?? []) {
      if (dist.has(edge.from)) continue;
      dist.set(edge.from, d + 1);
      // A jewel is an end: it gets a distance (it may be an entry) but no path runs through it.
      if (!allJewels.has(edge.from)) queue.push(edge.from);
    }
  }
  return dist;
}

/**
 * An entry's distance to the group, leaving out the Secrets its own pods mount: a breached
 * workload holds them from the start, as an entry that is itself a jewel is not a path (and a
 * one-step path to its own Secret would hide the longer paths to the jewels it does not hold).
 */
function entryDistance(graph: AttackGraph, entry: string, group: ReadonlySet<string>, allJewels: ReadonlySet<string>, dist: ReadonlyMap<string, number>): number | undefined {
  let best: number | undefined;
  for (const e of graph.out(entry)) {
    const edge = graph.edge(e);
    if (isMountRead(edge)) continue;
    const rest = group.has(edge.to) ? 0 : allJewels.has(edge.to) ? undefined : dist.get(edge.to);
    if (rest !== undefined && (best === undefined || rest + 1 < best)) best = rest + 1;
  }
  return best;
}

/** The Secrets an entry's own pods mount: it holds them from the start, so no path ends there. */
function heldBy(graph: AttackGraph, entry: string): Set<string> {
  const held = new Set<string>();
  for (const e of graph.out(entry)) {
    const edge = graph.edge(e);
    if (isMountRead(edge)) held.add(edge.to);
  }
  return held;
}

/** Nodes the fallback searches may visit in all, so hostile inputs stay bounded (past it: `truncated`). */
const FALLBACK_VISITS = 2_000_000;

/** One shortest path from the entry to a jewel of the group it does not hold, never through a jewel. */
function shortestAvoiding(graph: AttackGraph, entry: string, group: ReadonlySet<string>, held: ReadonlySet<string>, allJewels: ReadonlySet<string>, budget: { visits: number }): Edge[] | undefined | 'over-budget' {
  const via = new Map<string, Edge>();
  const queue = [entry];
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    if (++budget.visits > FALLBACK_VISITS) return 'over-budget';
    const id = queue[i] ?? '';
    if (id !== entry && group.has(id) && !held.has(id)) {
      const path: Edge[] = [];
      for (let at = via.get(id); at !== undefined; at = via.get(at.from)) path.push(at);
      return path.reverse();
    }
    if (id !== entry && allJewels.has(id)) continue;
    for (const e of graph.out(id)) {
      const edge = graph.edge(e);
      if (seen.has(edge.to) || (id === entry && isMountRead(edge))) continue;
      seen.add(edge.to);
      via.set(edge.to, edge);
      queue.push(edge.to);
    }
  }
  return undefined;
}

/**
 * Up to `limit` shortest paths from the entry to the group, most likely steps first.
 *
 * Paths ending at a Secret the entry holds are not listed, so they cannot count against `limit`;
 * walked blindly, shortest paths that all end there would be enumerated to the last one (their
 * number is the product of the branching). Instead a node whose every shortest continuation was
 * walked without listing a path is remembered as a dead end: below the entry a node's distance
 * fixes what lies beyond it, so the result is unchanged, and each node is walked to a dead end
 * once. The walk then costs the graph's edges plus `limit` paths of `length` steps.
 */
function walkForward(graph: AttackGraph, entry: string, length: number, group: ReadonlySet<string>, held: ReadonlySet<string>, allJewels: ReadonlySet<string>, dist: ReadonlyMap<string, number>, limit: number): Edge[][] {
  const out: Edge[][] = [];
  const deadEnds = new Set<string>();
  const walk = (id: string, prefix: Edge[], d: number): void => {
    if (out.length >= limit || deadEnds.has(id)) return;
    if (id !== entry && group.has(id)) {
      if (held.has(id)) deadEnds.add(id);
      else out.push([...prefix]);
      return;
    }
    const listed = out.length;
    const next = graph
      .out(id)
      .map((e) => graph.edge(e))
      // The entry's own mounted Secrets are held, not reached (entryDistance); shortest paths never revisit the entry otherwise.
      .filter((edge) => dist.get(edge.to) === d - 1 && (group.has(edge.to) || (d - 1 > 0 && !allJewels.has(edge.to))) && !(edge.from === entry && isMountRead(edge)))
      .sort((a, b) => b.probability - a.probability);
    for (const edge of next) {
      prefix.push(edge);
      walk(edge.to, prefix, d - 1);
      prefix.pop();
      if (out.length >= limit) return;
    }
    if (out.length === listed) deadEnds.add(id);
  };
  walk(entry, [], length);
  return out;
}

function toPath(entry: string, edges: readonly Edge[], graph: AttackGraph): AttackPath {
  const steps = mergeNetworkHubs(edges, graph);
  const likelihood = Math.round(edges.reduce((p, e) => p * e.probability, 1) * 1e6) / 1e6;
  const id = createHash('sha256').update(edges.map((e) => `${e.from}>${e.kind}>${e.to}`).join('|')).digest('hex').slice(0, 16);
  const jewel = edges[edges.length - 1]?.to ?? entry;
  return { id, entry, jewel, steps, likelihood, length: steps.length };
}
/** X -> net-out -> net-in -> service becomes one network step X -> service carrying the ports and every fix. */
function mergeNetworkHubs(edges: readonly Edge[], graph: AttackGraph): AttackStep[] {
  const out: AttackStep[] = [];
  let pending: Edge[] = [];
  for (const edge of edges) {
    const intoHub = graph.nodes.get(edge.to)?.kind === 'network';
    if (intoHub || pending.length > 0) pending.push(edge);
    else out.push(stepOf(edge, graph));
    if (!intoHub && pending.length > 0) {
      out.push(merged(pending, graph));
      pending = [];
    }
  }
  for (const edge of pending) out.push(stepOf(edge, graph));
  return out;
}

/**
 * One step from an edge and its parallel edges (the same move by several ways, e.g. a
 * LoadBalancer and an Ingress): every way is evidence, and only a fix that removes all of them
 * removes the step.
 */
function stepOf(edge: Edge, graph: AttackGraph): AttackStep {
  const ways = graph.parallel(edge);
  if (ways.length <= 1) return { from: edge.from, to: edge.to, kind: edge.kind, explanation: explain(edge), evidence: edge.evidence, findingIds: [...edge.findingIds], fixIds: [...edge.fixIds] };
  const exposure = [...new Set(ways.flatMap((w) => w.evidence.exposure ?? []))];
  return {
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    explanation: ways.map(explain).join('; or '),
    evidence: { ...edge.evidence, ...(exposure.length === 0 ? {} : { exposure }) },
    findingIds: [...new Set(ways.flatMap((w) => w.findingIds))],
    fixIds: edge.fixIds.filter((id) => ways.every((w) => w.fixIds.includes(id))),
  };
}

/** What a person reads: with the file and line of each fact when the builder knows them. */
function explain(edge: Edge): string {
  return edge.located?.() ?? edge.explanation;
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
