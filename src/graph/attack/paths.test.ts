/**
 * The path search on graphs built by hand: shapes the scenario folders do not reach, above all a
 * wide fan-out whose shortest paths all end at a Secret the entry already holds.
 */
import { describe, expect, it } from 'vitest';
import { AttackGraph } from './graph.js';
import { findAttackPaths } from './paths.js';

const ENTRY = 'workload:shop/Deployment/web';
const HELD = 'secret:shop/db';
const FAR = 'secret:vault/root';

function node(graph: AttackGraph, id: string): void {
  graph.addNode({ id, kind: id.startsWith('secret:') ? 'secret' : 'workload', label: id });
}

function step(graph: AttackGraph, from: string, to: string): void {
  graph.addEdge({ from, to, kind: 'rbac', explanation: `${from} to ${to}`, evidence: {}, probability: 0.5 });
}

/**
 * The entry mounts HELD; `depth` layers of `width` nodes, each joined to every node of the next,
 * also lead to HELD (width^depth shortest paths, none listed); FAR lies one step further than HELD.
 */
function fanOut(width: number, depth: number): AttackGraph {
  const graph = new AttackGraph();
  for (const id of [ENTRY, HELD, FAR]) node(graph, id);
  graph.addEdge({ from: ENTRY, to: HELD, kind: 'secret-read', explanation: 'mounted', evidence: { mount: [] }, probability: 1 });
  let previous = [ENTRY];
  for (let layer = 0; layer < depth; layer++) {
    const current = Array.from({ length: width }, (_, i) => `workload:shop/Deployment/l${String(layer)}-${String(i)}`);
    for (const id of current) node(graph, id);
    for (const from of previous) for (const to of current) step(graph, from, to);
    previous = current;
  }
  for (const from of previous) step(graph, from, HELD);
  // The way to FAR: a chain one step longer than the layers.
  let at = ENTRY;
  for (let i = 0; i <= depth; i++) {
    const next = `workload:vault/Deployment/c${String(i)}`;
    node(graph, next);
    step(graph, at, next);
    at = next;
  }
  step(graph, at, FAR);
  return graph;
}

describe('attack path search', () => {
  it('stays bounded when every shortest path ends at a Secret the entry holds (8^30 of them), and finds the nearest one it does not hold', () => {
    const graph = fanOut(8, 30);
    const found = findAttackPaths(graph, [ENTRY], [new Set([HELD, FAR])], { perPair: 3, total: 100 });
    expect(found.paths.map((p) => [p.jewel, p.length])).toEqual([[FAR, 32]]);
    expect(found.truncated).toBe(false);
  });

  it('still lists up to the per-pair limit when the fan-out ends at a jewel the entry does not hold', () => {
    const graph = fanOut(8, 30);
    const found = findAttackPaths(graph, [ENTRY], [new Set([HELD, FAR]), new Set([HELD])], { perPair: 3, total: 100 });
    // Group 0 as above; group 1 holds only HELD, so the fallback finds no other Secret there.
    expect(found.paths.map((p) => p.jewel)).toEqual([FAR]);
    const open = fanOut(8, 30);
    const other = 'secret:shop/other';
    node(open, other);
    const last = Array.from({ length: 8 }, (_, i) => `workload:shop/Deployment/l29-${String(i)}`);
    for (const from of last) step(open, from, other);
    const listed = findAttackPaths(open, [ENTRY], [new Set([HELD, other])], { perPair: 3, total: 100 });
    expect(listed.paths).toHaveLength(3);
    expect(listed.paths.every((p) => p.jewel === other && p.length === 31)).toBe(true);
    expect(listed.truncated).toBe(true);
  });
});
