/** The minimal cut against brute force on random graphs: exact when it says so, a real cut always. */
import { describe, expect, it } from 'vitest';
import { AttackGraph, minimalCut, solveHittingSet } from '../../src/graph/attack/index.js';

/** A small deterministic generator (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomGraph(seed: number, shared: boolean): { graph: AttackGraph; fixes: string[] } {
  const rnd = random(seed);
  const graph = new AttackGraph();
  const n = 7;
  for (let i = 0; i < n; i++) graph.addNode({ id: `n${i}`, kind: 'workload', label: `n${i}` });
  const fixes: string[] = [];
  const pool = shared ? 6 : 0;
  for (let f = 0; f < pool; f++) fixes.push(graph.addFix({ id: `f${f}`, kind: 'drop-privilege', description: '', cost: 1 + Math.floor(rnd() * 5) }));
  let own = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j || rnd() > 0.35) continue;
      const ids: string[] = [];
      if (shared) {
        const k = Math.floor(rnd() * 3);
        for (let x = 0; x < k; x++) ids.push(fixes[Math.floor(rnd() * pool)] ?? 'f0');
      } else if (rnd() > 0.1) {
        ids.push(graph.addFix({ id: `e${own}`, kind: 'network-policy', description: '', cost: 1 + Math.floor(rnd() * 5) }));
        fixes.push(`e${own++}`);
      }
      graph.addEdge({ from: `n${i}`, to: `n${j}`, kind: 'network', explanation: '', evidence: {}, fixIds: [...new Set(ids)], probability: 1 });
    }
  }
  return { graph, fixes };
}

function reaches(graph: AttackGraph, chosen: ReadonlySet<string>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    if (id === to) return true;
    for (const e of graph.out(id)) {
      const edge = graph.edge(e);
      if (edge.fixIds.some((f) => chosen.has(f)) || seen.has(edge.to)) continue;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return false;
}

function bruteForce(graph: AttackGraph, fixes: readonly string[]): number | undefined {
  let best: number | undefined;
  for (let mask = 0; mask < 1 << fixes.length; mask++) {
    const chosen = new Set(fixes.filter((_, i) => (mask >> i) & 1));
    if (reaches(graph, chosen, 'n0', 'n6')) continue;
    const cost = [...chosen].reduce((s, f) => s + (graph.fixes.get(f)?.cost ?? 0), 0);
    if (best === undefined || cost < best) best = cost;
  }
  return best;
}

describe('minimal cut', () => {
  for (const shared of [false, true]) {
    it(`matches brute force on 60 random graphs (${shared ? 'fixes shared between edges' : 'one fix per edge'})`, () => {
      let compared = 0;
      for (let seed = 1; seed <= 60; seed++) {
        const { graph, fixes } = randomGraph(seed, shared);
        if (fixes.length > 16) continue;
        const cut = minimalCut(graph, ['n0'], new Set(['n6']), { maxRounds: 500, maxNodes: 1_000_000 });
        const best = bruteForce(graph, fixes);
        if (cut.uncuttableJewels.length > 0) {
          expect(best).toBeUndefined();
          continue;
        }
        expect(cut.optimal).toBe(true);
        expect(cut.cost).toBe(best);
        expect(reaches(graph, new Set(cut.fixIds), 'n0', 'n6')).toBe(false);
        compared++;
      }
      expect(compared).toBeGreaterThan(20);
    });
  }

  it('falls back to the flow cut past the budget, still a cut and within the stated bound', () => {
    let checked = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { graph, fixes } = randomGraph(seed, true);
      const best = bruteForce(graph, fixes);
      if (best === undefined || best === 0) continue;
      const cut = minimalCut(graph, ['n0'], new Set(['n6']), { maxRounds: 1, maxNodes: 1 });
      if (cut.method !== 'flow-fallback') continue;
      expect(reaches(graph, new Set(cut.fixIds), 'n0', 'n6')).toBe(false);
      const ratio = Number(/at most ([\d.]+) x/.exec(cut.guarantee)?.[1]);
      expect(cut.cost).toBeLessThanOrEqual(ratio * best + 1e-9);
      expect(cut.lowerBound).toBeLessThanOrEqual(best);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('solves a weighted hitting set exactly', () => {
    const cost: Record<string, number> = { a: 3, b: 2, c: 2, d: 5 };
    expect(solveHittingSet([['a', 'b'], ['a', 'c'], ['d']], (id) => cost[id] ?? 0, 1000)?.sort()).toEqual(['a', 'd']);
    expect(solveHittingSet([['b'], ['c'], ['a', 'b']], (id) => cost[id] ?? 0, 1000)?.sort()).toEqual(['b', 'c']);
  });
});
