/**
 * A layered (Sugiyama-style) layout for the attack graph picture: entry points in the first
 * column, crown jewels in the last, every other node in the column of its shortest distance from
 * an entry. Edges that span several columns get a slot in each column they cross, so no line runs
 * through a node box; the order inside each column is improved by barycenter sweeps, keeping the
 * order with the fewest crossings. Pure geometry, no SVG: attack-graph.ts draws the result.
 *
 * Deterministic: ties are broken by node id, so the same graph always gives the same picture.
 */
import { compareText } from '../../lib/compare.js';
import { groupBy } from '../../lib/group-by.js';

export interface LayoutInput {
  readonly nodes: readonly { readonly id: string; readonly role: 'entry' | 'jewel' | 'step' }[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly id: string;
  readonly layer: number;
  readonly x: number;
  readonly y: number;
}

/** How an edge is drawn: through the slots it holds in the columns it crosses. */
export type Route =
  /** Left to right (or right to left, `reversed`) through `points`: box side, slot ends, box side. */
  | { readonly shape: 'span'; readonly points: readonly Point[]; readonly reversed: boolean }
  /** Both ends in one column: an arc out to the right of the column. */
  | { readonly shape: 'loop'; readonly from: Point; readonly to: Point };

export interface Layout {
  readonly boxes: ReadonlyMap<string, Box>;
  /** In the order of the input's edges. */
  readonly routes: readonly Route[];
  readonly width: number;
  readonly height: number;
  readonly layers: number;
}

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 40;
/** Horizontal room between columns for the edges to curve in. */
export const COLUMN_GAP = 96;
const NODE_GAP = 14;
/** The vertical room a passing edge takes in a column it crosses. */
const SLOT_HEIGHT = 10;
export const MARGIN = 16;
const SWEEPS = 12;

interface Item {
  /** A node id, or `~<edge index>:<layer>` for the slot of a passing edge. */
  readonly key: string;
  readonly layer: number;
  readonly node: boolean;
}

/**
 * Shortest distance from any entry; jewels then move to a column of their own at the right (what
 * a jewel leads to, such as the pods of a node, keeps the column its distance gives it).
 */
export function assignLayers(input: LayoutInput): Map<string, number> {
  const outgoing = new Map([...groupBy(input.edges, (e) => e.from)].map(([from, edges]) => [from, edges.map((e) => e.to)]));
  const role = new Map(input.nodes.map((n) => [n.id, n.role]));
  const layer = new Map<string, number>();
  let frontier = input.nodes.filter((n) => n.role === 'entry').map((n) => n.id);
  for (const id of frontier) layer.set(id, 0);
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const to of outgoing.get(id) ?? []) {
        if (layer.has(to) || role.get(to) === 'entry') continue;
        layer.set(to, depth);
        next.push(to);
      }
    }
    frontier = next;
  }
  const steps = input.nodes.filter((n) => n.role === 'step');
  // A step no entry reaches still has to be drawn: put it right after the entries.
  for (const n of steps) if (!layer.has(n.id)) layer.set(n.id, 1);
  const hasEntries = input.nodes.some((n) => n.role === 'entry');
  const lastStep = Math.max(hasEntries ? 0 : -1, ...steps.map((n) => layer.get(n.id) ?? 0));
  for (const n of input.nodes) if (n.role === 'jewel') layer.set(n.id, lastStep + 1);
  return layer;
}

function slotKey(edge: number, layer: number): string {
  return `~${edge}:${layer}`;
}

/** The columns: nodes, plus one slot per edge per column it crosses; initial order by id. */
function columns(input: LayoutInput, layer: ReadonlyMap<string, number>): { items: Item[][]; chains: string[][] } {
  const count = Math.max(0, ...layer.values()) + 1;
  const items: Item[][] = Array.from({ length: count }, () => []);
  const sorted = [...input.nodes].sort((a, b) => compareText(a.id, b.id));
  for (const n of sorted) items[layer.get(n.id) ?? 0]?.push({ key: n.id, layer: layer.get(n.id) ?? 0, node: true });
  // Each edge becomes a chain of keys from its left end to its right end, adjacent columns only.
  const chains = input.edges.map(({ from, to }, index) => {
    const a = layer.get(from) ?? 0;
    const b = layer.get(to) ?? 0;
    const [left, right, lo, hi] = a <= b ? [from, to, a, b] : [to, from, b, a];
    const chain = [left];
    for (let l = lo + 1; l < hi; l++) {
      const key = slotKey(index, l);
      items[l]?.push({ key, layer: l, node: false });
      chain.push(key);
    }
    chain.push(right);
    return chain;
  });
  return { items, chains };
}

/** Links between adjacent columns, as pairs of keys (left, right). */
function links(chains: readonly string[][], layerOf: ReadonlyMap<string, number>): [string, string][] {
  const out: [string, string][] = [];
  for (const chain of chains) {
    for (let i = 0; i + 1 < chain.length; i++) {
      const a = chain[i] ?? '';
      const b = chain[i + 1] ?? '';
      if ((layerOf.get(a) ?? 0) !== (layerOf.get(b) ?? 0)) out.push([a, b]);
    }
  }
  return out;
}

function crossings(order: ReadonlyMap<string, number>, pairs: readonly (readonly [string, string])[]): number {
  let total = 0;
  for (let i = 0; i < pairs.length; i++) {
    const [a1, b1] = pairs[i] ?? ['', ''];
    for (let j = i + 1; j < pairs.length; j++) {
      const [a2, b2] = pairs[j] ?? ['', ''];
      const da = (order.get(a1) ?? 0) - (order.get(a2) ?? 0);
      const db = (order.get(b1) ?? 0) - (order.get(b2) ?? 0);
      if (da * db < 0) total++;
    }
  }
  return total;
}

/** Barycenter sweeps left-to-right and right-to-left; returns the best order seen. */
function orderColumns(items: Item[][], pairs: readonly [string, string][]): Item[][] {
  const layerOf = new Map(items.flatMap((column, l) => column.map((item) => [item.key, l] as const)));
  const byLayer = groupBy(pairs, (pair) => layerOf.get(pair[0]) ?? 0);
  const neighbours = (key: string, towards: 'left' | 'right'): string[] =>
    pairs.filter((p) => (towards === 'left' ? p[1] === key : p[0] === key)).map((p) => (towards === 'left' ? p[0] : p[1]));
  const positions = (columnsNow: Item[][]): Map<string, number> => new Map(columnsNow.flatMap((column) => column.map((item, i) => [item.key, i] as const)));
  const total = (columnsNow: Item[][]): number => {
    const order = positions(columnsNow);
    let sum = 0;
    for (const layerPairs of byLayer.values()) sum += crossings(order, layerPairs);
    return sum;
  };

  let current = items.map((column) => [...column]);
  let best = current;
  let bestCrossings = total(current);
  for (let sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
    const forward = sweep % 2 === 0;
    const order = positions(current);
    const next = current.map((column) => [...column]);
    const range = forward ? next.keys() : [...next.keys()].reverse();
    for (const l of range) {
      const column = next[l] ?? [];
      const weight = new Map(
        column.map((item, i) => {
          const around = neighbours(item.key, forward ? 'left' : 'right');
          // No neighbour on that side: keep the current place.
          const value = around.length === 0 ? i : around.reduce((s, k) => s + (order.get(k) ?? 0), 0) / around.length;
          return [item.key, value] as const;
        }),
      );
      column.sort((a, b) => (weight.get(a.key) ?? 0) - (weight.get(b.key) ?? 0) || compareText(a.key, b.key));
      column.forEach((item, i) => order.set(item.key, i));
    }
    current = next;
    const now = total(current);
    if (now < bestCrossings) {
      best = current;
      bestCrossings = now;
    }
  }
  return best;
}

function itemHeight(item: Item): number {
  return item.node ? NODE_HEIGHT : SLOT_HEIGHT;
}

function columnHeight(column: readonly Item[]): number {
  return column.reduce((sum, item, i) => sum + itemHeight(item) + (i === 0 ? 0 : NODE_GAP), 0);
}

export function layeredLayout(input: LayoutInput): Layout {
  const layer = assignLayers(input);
  const { items, chains } = columns(input, layer);
  const layerOf = new Map(items.flatMap((column, l) => column.map((item) => [item.key, l] as const)));
  const ordered = orderColumns(items, links(chains, layerOf));
  const tallest = Math.max(NODE_HEIGHT, ...ordered.map(columnHeight));
  // Each column is centred on the tallest one, so short columns do not hang from the top.
  const top = new Map<string, number>();
  ordered.forEach((column) => {
    let y = MARGIN + (tallest - columnHeight(column)) / 2;
    for (const item of column) {
      top.set(item.key, Math.round(y));
      y += itemHeight(item) + NODE_GAP;
    }
  });
  const columnX = (l: number): number => MARGIN + l * (NODE_WIDTH + COLUMN_GAP);
  const boxes = new Map<string, Box>();
  for (const n of input.nodes) {
    const l = layer.get(n.id) ?? 0;
    boxes.set(n.id, { id: n.id, layer: l, x: columnX(l), y: top.get(n.id) ?? MARGIN });
  }
  const middle = (key: string): number => (top.get(key) ?? MARGIN) + (key.startsWith('~') ? SLOT_HEIGHT / 2 : NODE_HEIGHT / 2);
  const routes = input.edges.map(({ from, to }, index): Route => {
    const chain = chains[index] ?? [];
    const a = layer.get(from) ?? 0;
    const b = layer.get(to) ?? 0;
    if (a === b) {
      const x = columnX(a) + NODE_WIDTH;
      return { shape: 'loop', from: { x, y: middle(from) }, to: { x, y: middle(to) } };
    }
    const first = chain[0] ?? from;
    const last = chain[chain.length - 1] ?? to;
    const points: Point[] = [{ x: columnX(Math.min(a, b)) + NODE_WIDTH, y: middle(first) }];
    for (const key of chain.slice(1, -1)) {
      const l = layerOf.get(key) ?? 0;
      points.push({ x: columnX(l), y: middle(key) }, { x: columnX(l) + NODE_WIDTH, y: middle(key) });
    }
    points.push({ x: columnX(Math.max(a, b)), y: middle(last) });
    return { shape: 'span', points, reversed: a > b };
  });
  const layers = ordered.length;
  return {
    boxes,
    routes,
    layers,
    width: 2 * MARGIN + layers * NODE_WIDTH + Math.max(0, layers - 1) * COLUMN_GAP + COLUMN_GAP / 2,
    height: 2 * MARGIN + tallest,
  };
}
