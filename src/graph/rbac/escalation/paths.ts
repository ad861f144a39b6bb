/**
 * Shortest escalation chains: from one identity to the nearest target of each kind (breadth-first), or,
 * with no starting identity, from every identity to its nearest target of each kind (one
 * breadth-first search backwards from the targets). Every step keeps its explanation and evidence.
 */
import type { EscalationGraph, GraphEdge, GraphNode } from './types.js';

export const TARGETS = ['cluster-admin', 'secrets', 'nodes'] as const;
export type Target = (typeof TARGETS)[number];

export interface EscalationPath {
  readonly from: string;
  readonly to: string;
  readonly target: Target;
  /** The source is a cluster component or bootstrap default: expected, not a user risk. */
  readonly system: boolean;
  readonly steps: readonly GraphEdge[];
}

export interface PathQuery {
  /** Start here (a node id); else start from every user, group and ServiceAccount. */
  readonly from?: string;
  readonly to?: readonly Target[];
  /** Also list chains starting at system identities (only when `from` is not given). */
  readonly includeSystem?: boolean;
}

export function targetOf(node: GraphNode): Target | undefined {
  if (node.kind === 'cluster-admin') return 'cluster-admin';
  if (node.kind === 'secrets') return 'secrets';
  if (node.kind === 'nodes' || node.kind === 'node') return 'nodes';
  return undefined;
}

const PRINCIPAL_KINDS = new Set(['user', 'group', 'serviceaccount']);

export function findPaths(graph: EscalationGraph, query: PathQuery): EscalationPath[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const targets = new Set<Target>(query.to ?? TARGETS);
  if (query.from !== undefined) return fromOne(graph, nodes, query.from, targets);
  const paths: EscalationPath[] = [];
  for (const target of TARGETS) if (targets.has(target)) paths.push(...toTarget(graph, nodes, target, query.includeSystem === true));
  return paths.sort((a, b) => a.steps.length - b.steps.length || cmp(a.from, b.from) || cmp(a.to, b.to));
}

function outgoing(graph: EscalationGraph): Map<string, GraphEdge[]> {
  const out = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    const list = out.get(edge.from);
    if (list === undefined) out.set(edge.from, [edge]);
    else list.push(edge);
  }
  return out;
}

function fromOne(graph: EscalationGraph, nodes: ReadonlyMap<string, GraphNode>, from: string, targets: ReadonlySet<Target>): EscalationPath[] {
  const out = outgoing(graph);
  const via = new Map<string, GraphEdge | null>([[from, null]]);
  const queue = [from];
  const found: EscalationPath[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    const node = nodes.get(id);
    const target = node === undefined || id === from ? undefined : targetOf(node);
    // Breadth-first, so the first node of each kind met is the nearest: one chain per kind.
    if (target !== undefined && targets.has(target) && !found.some((f) => f.target === target)) found.push({ from, to: id, target, system: nodes.get(from)?.system ?? false, steps: chain(via, id) });
    for (const edge of out.get(id) ?? []) {
      if (via.has(edge.to)) continue;
      via.set(edge.to, edge);
      queue.push(edge.to);
    }
  }
  return found;
}

function chain(via: ReadonlyMap<string, GraphEdge | null>, to: string): GraphEdge[] {
  const steps: GraphEdge[] = [];
  for (let edge = via.get(to); edge !== undefined && edge !== null; edge = via.get(edge.from)) steps.push(edge);
  return steps.reverse();
}

function toTarget(graph: EscalationGraph, nodes: ReadonlyMap<string, GraphNode>, target: Target, includeSystem: boolean): EscalationPath[] {
  const incoming = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    const list = incoming.get(edge.to);
    if (list === undefined) incoming.set(edge.to, [edge]);
    else list.push(edge);
  }
  // next[x] = the first edge of a shortest path from x to the nearest target.
  const next = new Map<string, GraphEdge | null>();
  const queue: string[] = [];
  for (const node of graph.nodes) {
    if (targetOf(node) === target) {
      next.set(node.id, null);
      queue.push(node.id);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    for (const edge of incoming.get(id) ?? []) {
      if (next.has(edge.from)) continue;
      next.set(edge.from, edge);
      queue.push(edge.from);
    }
  }
  const paths: EscalationPath[] = [];
  for (const node of graph.nodes) {
    if (!PRINCIPAL_KINDS.has(node.kind) || (node.system && !includeSystem)) continue;
    const first = next.get(node.id);
    if (first === undefined || first === null) continue;
    const steps: GraphEdge[] = [];
    for (let edge: GraphEdge | null | undefined = first; edge !== undefined && edge !== null; edge = next.get(edge.to)) steps.push(edge);
    const last = steps[steps.length - 1];
    if (last !== undefined) paths.push({ from: node.id, to: last.to, target, system: node.system, steps });
  }
  return paths;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
