/**
 * The cheapest set of fixes that leaves no path from any entry to any jewel, over the whole graph.
 *
 * - Every edge that matters is removed by any one of its fixes. When no fix removes more than one
 *   such edge, the problem is a minimum s-t cut (edge capacity: its cheapest fix): max-flow (Dinic), exact.
 * - Otherwise it is a weighted hitting set over all entry-jewel paths, solved exactly by the implicit
 *   hitting-set loop: find a path the chosen fixes leave open, require one of its fixes, re-solve the
 *   hitting set over the paths met so far by branch-and-bound, until no path is left open. Each
 *   solved relaxation's cost is a lower bound on the optimum.
 * - Past the search budget: the max-flow cut with redundant fixes dropped. Its cost is at most k
 *   times the optimum, k the most edges of the cut one fix removes (an optimal set of fixes removes
 *   a cut whose capacity is at most k times its cost).
 */
import type { AttackCut } from '../../model/attack.js';
import type { AttackGraph } from './graph.js';

export interface CutBudget {
  /** Paths added to the hitting set before giving up on exactness. */
  readonly maxRounds: number;
  /** Branch-and-bound nodes per hitting-set solve. */
  readonly maxNodes: number;
  /**
   * The exact search is tried when the flow cut has at most this many fixes: it adds one path per
   * round, so a cut of hundreds of fixes would exhaust the rounds anyway (default 60).
   */
  readonly maxExactFixes?: number;
}

export interface CutResult extends Omit<AttackCut, 'uncuttable'> {
  readonly uncuttableJewels: readonly string[];
}

/** An extra oracle: given the chosen fixes, a set of fixes of which one more is needed (a path left open), or undefined. */
export type Oracle = (chosen: ReadonlySet<string>) => readonly string[] | undefined;

const INF = Number.POSITIVE_INFINITY;

export function minimalCut(graph: AttackGraph, entries: readonly string[], jewels: ReadonlySet<string>, budget: CutBudget, oracle?: Oracle): CutResult {
  const relevant = relevantEdges(graph, entries, jewels);
  // Jewels an entry reaches over edges nothing removes.
  const free = reach(graph, entries, jewels, (e) => graph.edge(e).fixIds.length === 0);
  const entrySet = new Set(entries);
  const uncuttableJewels = [...jewels].filter((j) => free.has(j) || entrySet.has(j)).sort();
  const uncuttableSet = new Set(uncuttableJewels);
  const sinks = new Set([...jewels].filter((j) => !uncuttableSet.has(j)));
  const open = (chosen: ReadonlySet<string>): number[] | undefined => openPath(graph, entries, sinks, chosen);
  if (open(new Set()) === undefined) return { fixIds: [], cost: 0, optimal: true, lowerBound: 0, method: 'none-needed', guarantee: 'no path to cut', uncuttableJewels };
  const costOf = (id: string): number => graph.fixes.get(id)?.cost ?? INF;
  const usage = new Map<string, number>();
  for (const e of relevant) for (const f of graph.edge(e).fixIds) usage.set(f, (usage.get(f) ?? 0) + 1);
  const perEdge = [...usage.values()].every((n) => n === 1);
  const flow = flowCut(graph, entries, sinks, relevant, costOf);
  if (perEdge && oracle?.(new Set(flow.fixes)) === undefined) return { fixIds: flow.fixes, cost: sum(flow.fixes, costOf), optimal: true, lowerBound: sum(flow.fixes, costOf), method: 'exact-min-cut', guarantee: 'optimal (minimum cut)', uncuttableJewels };
  const exact = flow.fixes.length <= (budget.maxExactFixes ?? 60) ? implicitHittingSet(graph, open, costOf, budget, oracle) : { lowerBound: 0 };
  if (exact.solution !== undefined) {
    return { fixIds: exact.solution, cost: sum(exact.solution, costOf), optimal: true, lowerBound: sum(exact.solution, costOf), method: 'exact-hitting-set', guarantee: 'optimal (exact hitting set over every path)', uncuttableJewels };
  }
  let chosen = prune(graph, entries, sinks, flow.fixes, costOf);
  // The oracle may still find a way the graph did not show: close it greedily.
  for (let round = 0; oracle !== undefined && round < budget.maxRounds; round++) {
    const need = oracle(new Set(chosen));
    if (need === undefined) break;
    const cheapest = [...need].sort((a, b) => costOf(a) - costOf(b))[0];
    if (cheapest === undefined) break;
    chosen = [...chosen, cheapest];
  }
  const cost = sum(chosen, costOf);
  // An optimal set of fixes removes a cut whose capacity is at most k times its cost, k the most
  // relevant edges one fix removes: so the minimum cut over k is a lower bound on the optimum.
  const k = Math.max(1, ...usage.values());
  const minCut = flow.cutEdges.reduce((sum, e) => sum + Math.min(...graph.edge(e).fixIds.map(costOf)), 0);
  const lowerBound = Math.max(exact.lowerBound, minCut / k);
  const ratio = lowerBound > 0 ? cost / lowerBound : k;
  const why = flow.fixes.length <= (budget.maxExactFixes ?? 60) ? 'search budget exceeded' : 'cut too large for the exact search';
  return { fixIds: chosen.sort(), cost, optimal: false, lowerBound: Math.round(lowerBound * 100) / 100, method: 'flow-fallback', guarantee: `at most ${ratio.toFixed(2)} x the optimum (${why})`, uncuttableJewels };
}

function sum(ids: readonly string[], costOf: (id: string) => number): number {
  return ids.reduce((s, id) => s + costOf(id), 0);
}

/** Edges on some entry -> jewel path (forward from the entries, not past jewels; backward from the jewels). */
function relevantEdges(graph: AttackGraph, entries: readonly string[], jewels: ReadonlySet<string>): number[] {
  const forward = reach(graph, entries, jewels, () => true);
  const entrySet = new Set(entries);
  const incoming = new Map<string, number[]>();
  graph.edges.forEach((edge, i) => {
    if (!forward.has(edge.from) || (jewels.has(edge.from) && !entrySet.has(edge.from))) return;
    const list = incoming.get(edge.to);
    if (list === undefined) incoming.set(edge.to, [i]);
    else list.push(i);
  });
  const backward = new Set<string>(jewels);
  const queue = [...jewels];
  const out: number[] = [];
  for (let i = 0; i < queue.length; i++) {
    for (const e of incoming.get(queue[i] ?? '') ?? []) {
      out.push(e);
      const from = graph.edge(e).from;
      if (!backward.has(from)) {
        backward.add(from);
        queue.push(from);
      }
    }
  }
  return out;
}

function reach(graph: AttackGraph, entries: readonly string[], jewels: ReadonlySet<string>, usable: (edge: number) => boolean): Set<string> {
  const entrySet = new Set(entries);
  const seen = new Set<string>(entries);
  const queue = [...entries];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    if (jewels.has(id) && !entrySet.has(id)) continue;
    for (const e of graph.out(id)) {
      if (!usable(e)) continue;
      const to = graph.edge(e).to;
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/**
 * A shortest path from an entry to a jewel that something can cut (jewels reached over fixless
 * edges alone are left out), as edge indices; undefined when there is none.
 */
export function firstCuttablePath(graph: AttackGraph, entries: readonly string[], jewels: ReadonlySet<string>): number[] | undefined {
  const free = reach(graph, entries, jewels, (e) => graph.edge(e).fixIds.length === 0);
  const entrySet = new Set(entries);
  const sinks = new Set([...jewels].filter((j) => !free.has(j) && !entrySet.has(j)));
  return openPath(graph, entries, sinks, new Set());
}

/** A shortest path (edge indices) the chosen fixes leave open, or undefined. */
function openPath(graph: AttackGraph, entries: readonly string[], sinks: ReadonlySet<string>, chosen: ReadonlySet<string>): number[] | undefined {
  const via = new Map<string, number>();
  const seen = new Set<string>(entries);
  const entrySet = new Set(entries);
  const queue = [...entries];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    if (sinks.has(id) && !entrySet.has(id)) {
      const path: number[] = [];
      for (let at = id; via.has(at); ) {
        const e = via.get(at) ?? 0;
        path.push(e);
        at = graph.edge(e).from;
      }
      return path.reverse();
    }
    if (sinks.has(id)) continue;
    for (const e of graph.out(id)) {
      const edge = graph.edge(e);
      if (seen.has(edge.to) || edge.fixIds.some((f) => chosen.has(f))) continue;
      seen.add(edge.to);
      via.set(edge.to, e);
      queue.push(edge.to);
    }
  }
  return undefined;
}

interface HittingSetOutcome {
  readonly solution?: string[];
  readonly lowerBound: number;
}

function implicitHittingSet(graph: AttackGraph, open: (chosen: ReadonlySet<string>) => number[] | undefined, costOf: (id: string) => number, budget: CutBudget, oracle?: Oracle): HittingSetOutcome {
  const constraints: string[][] = [];
  let chosen: string[] = [];
  let lowerBound = 0;
  // Every solve starts afresh: the whole search shares a budget of a few solves' worth of nodes.
  const used = { nodes: 0 };
  for (let round = 0; round < budget.maxRounds && used.nodes < budget.maxNodes * 4; round++) {
    const set = new Set(chosen);
    const path = open(set);
    const need = path === undefined ? oracle?.(set) : [...new Set(path.flatMap((e) => graph.edge(e).fixIds))];
    if (need === undefined) return { solution: chosen.sort(), lowerBound };
    if (need.length === 0) return { lowerBound };
    constraints.push([...need].sort((a, b) => costOf(a) - costOf(b) || (a < b ? -1 : 1)));
    const solved = solveHittingSet(constraints, costOf, budget.maxNodes, used);
    if (solved === undefined) return { lowerBound };
    chosen = solved;
    lowerBound = sum(solved, costOf);
  }
  return { lowerBound };
}

/** Exact minimum-cost hitting set by branch-and-bound; undefined past the node budget. */
export function solveHittingSet(constraints: readonly (readonly string[])[], costOf: (id: string) => number, maxNodes: number, used?: { nodes: number }): string[] | undefined {
  let best: string[] | undefined;
  let bestCost = INF;
  let nodes = 0;
  const chosen = new Set<string>();
  const search = (cost: number): boolean => {
    if (++nodes > maxNodes) return false;
    const unhit = constraints.filter((c) => !c.some((f) => chosen.has(f)));
    if (unhit.length === 0) {
      if (cost < bestCost) {
        bestCost = cost;
        best = [...chosen];
      }
      return true;
    }
    // Bound: constraints sharing no fix need one fix each.
    let bound = 0;
    const used = new Set<string>();
    for (const c of unhit) {
      if (c.some((f) => used.has(f))) continue;
      for (const f of c) used.add(f);
      bound += Math.min(...c.map(costOf));
    }
    if (cost + bound >= bestCost) return true;
    const pick = unhit.reduce((a, b) => (b.length < a.length ? b : a));
    for (const f of pick) {
      chosen.add(f);
      const ok = search(cost + costOf(f));
      chosen.delete(f);
      if (!ok) return false;
    }
    return true;
  };
  const done = search(0);
  if (used !== undefined) used.nodes += nodes;
  return done ? (best ?? []) : undefined;
}

/**
 * Drop fixes the rest already make unnecessary, most expensive first. The nodes the entries still
 * reach are kept; undoing one fix only explores what its edges newly open, so each check costs
 * the newly reachable part of the graph, not a whole search.
 */
function prune(graph: AttackGraph, entries: readonly string[], sinks: ReadonlySet<string>, fixes: readonly string[], costOf: (id: string) => number): string[] {
  const chosen = new Set(fixes);
  const blocked = (e: number): boolean => graph.edge(e).fixIds.some((f) => chosen.has(f));
  const edgesOf = new Map<string, number[]>();
  graph.edges.forEach((edge, i) => {
    for (const f of edge.fixIds) if (chosen.has(f)) edgesOf.set(f, [...(edgesOf.get(f) ?? []), i]);
  });
  const reached = new Set<string>(entries);
  const expand = (start: readonly string[], into: Set<string>): boolean => {
    const queue = [...start];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i] ?? '';
      if (sinks.has(id)) return true;
      for (const e of graph.out(id)) {
        const to = graph.edge(e).to;
        if (blocked(e) || reached.has(to) || into.has(to)) continue;
        into.add(to);
        queue.push(to);
      }
    }
    return false;
  };
  if (expand(entries, reached)) return [...fixes];
  for (const f of [...fixes].sort((a, b) => costOf(b) - costOf(a))) {
    chosen.delete(f);
    const opened: string[] = [];
    for (const e of edgesOf.get(f) ?? []) {
      const edge = graph.edge(e);
      if (reached.has(edge.from) && !sinks.has(edge.from) && !blocked(e) && !reached.has(edge.to)) opened.push(edge.to);
    }
    const fresh = new Set<string>(opened);
    if (expand(opened, fresh)) chosen.add(f);
    else for (const id of fresh) reached.add(id);
  }
  return [...chosen];
}

/** Max-flow (Dinic) from the entries to the sinks; the cut edges' cheapest fixes. */
function flowCut(graph: AttackGraph, entries: readonly string[], sinks: ReadonlySet<string>, relevant: readonly number[], costOf: (id: string) => number): { fixes: string[]; cutEdges: number[] } {
  const ids = new Map<string, number>();
  const idOf = (name: string): number => {
    let id = ids.get(name);
    if (id === undefined) {
      id = ids.size;
      ids.set(name, id);
    }
    return id;
  };
  const S = idOf('\u0000source');
  const T = idOf('\u0000sink');
  const to: number[] = [];
  const cap: number[] = [];
  const origin: number[] = [];
  const adj: number[][] = [];
  const arc = (u: number, v: number, c: number, e: number): void => {
    for (const [a, b, cc] of [[u, v, c], [v, u, 0]] as const) {
      (adj[a] ??= []).push(to.length);
      to.push(b);
      cap.push(cc);
      origin.push(cc === 0 ? -1 : e);
    }
  };
  for (const entry of entries) arc(S, idOf(entry), INF, -1);
  for (const sink of sinks) arc(idOf(sink), T, INF, -1);
  for (const e of relevant) {
    const edge = graph.edge(e);
    arc(idOf(edge.from), idOf(edge.to), Math.min(INF, ...edge.fixIds.map(costOf)), e);
  }
  // Dinic: a level graph per phase, then blocking flow along it; phases are bounded by path length.
  const n = ids.size;
  for (;;) {
    const level = new Array<number>(n).fill(-1);
    level[S] = 0;
    const queue = [S];
    for (let i = 0; i < queue.length; i++) {
      const u = queue[i] ?? 0;
      for (const a of adj[u] ?? []) {
        const v = to[a] ?? 0;
        if ((cap[a] ?? 0) > 0 && level[v] === -1) {
          level[v] = (level[u] ?? 0) + 1;
          queue.push(v);
        }
      }
    }
    if (level[T] === -1) {
      const seen = new Set<number>();
      for (let v = 0; v < n; v++) if (level[v] !== -1) seen.add(v);
      const cutEdges: number[] = [];
      for (let a = 0; a < to.length; a++) {
        const e = origin[a] ?? -1;
        const from = to[a ^ 1] ?? 0;
        if (e >= 0 && seen.has(from) && !seen.has(to[a] ?? 0)) cutEdges.push(e);
      }
      const fixes = new Set<string>();
      for (const e of cutEdges) {
        const cheapest = [...graph.edge(e).fixIds].sort((a, b) => costOf(a) - costOf(b))[0];
        if (cheapest !== undefined) fixes.add(cheapest);
      }
      return { fixes: [...fixes].sort(), cutEdges };
    }
    const next = new Array<number>(n).fill(0);
    // Iterative DFS: hostile inputs can make long paths, and recursion depth is bounded by the stack.
    for (;;) {
      const path: number[] = [];
      let u = S;
      while (u !== T) {
        const arcs = adj[u] ?? [];
        let advanced = false;
        while ((next[u] ?? 0) < arcs.length) {
          const a = arcs[next[u] ?? 0] ?? 0;
          const v = to[a] ?? 0;
          if ((cap[a] ?? 0) > 0 && level[v] === (level[u] ?? 0) + 1) {
            path.push(a);
            u = v;
            advanced = true;
            break;
          }
          next[u] = (next[u] ?? 0) + 1;
        }
        if (advanced) continue;
        // Dead end: retreat and never try this node again in this phase.
        level[u] = -2;
        const back = path.pop();
        if (back === undefined) break;
        u = to[back ^ 1] ?? S;
        next[u] = (next[u] ?? 0) + 1;
      }
      if (u !== T) break;
      const push = Math.min(...path.map((a) => cap[a] ?? 0));
      if (push === INF) return { fixes: [], cutEdges: [] };
      for (const a of path) {
        cap[a] = (cap[a] ?? 0) - push;
        cap[a ^ 1] = (cap[a ^ 1] ?? 0) + push;
      }
    }
  }
}
