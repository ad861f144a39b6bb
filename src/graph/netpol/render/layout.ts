/**
 * A layered layout of the connectivity graph, in the spirit of Sugiyama's method on two levels:
 * groups (namespaces) are ranked left to right by the longest path over the group graph once
 * cycles are broken (depth-first, back edges dropped), outside sources first and outside
 * destinations last; groups of one rank share a column, stacked. Inside a group, nodes are ranked
 * the same way along the group's own edges (web, then api, then db) and stacked per rank. Every box
 * has its own cell, so no two boxes overlap by construction. Edges are cubic curves between box
 * sides, labelled at their middle, with repeated labels of parallel edges shown once.
 */
import { compareText } from '../../../lib/compare.js';
import { DESTINATIONS_GROUP, SOURCES_GROUP, type ConnectivityGraph, type GraphEdge, type GraphGroup, type GraphNode } from './graph.js';

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 34;
const NODE_GAP = 12;
const GROUP_PADDING = 14;
const GROUP_TITLE = 24;
const GROUP_GAP = 28;
/** Room between the rank columns inside a group, for its own edges. */
const RANK_GAP = 110;
/** Room between columns for curves and their port labels. */
const COLUMN_GAP = 170;
/** Most nodes stacked in one column of a group before it wraps into another. */
const ROWS_PER_COLUMN = 10;
const MARGIN = 20;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedGroup extends Box {
  readonly group: GraphGroup;
}

export interface PlacedNode extends Box {
  readonly node: GraphNode;
}

export interface PlacedEdge {
  readonly edge: GraphEdge;
  /** SVG path data. */
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
  /** False when the same text is already shown where this label would go (the edge's tooltip still says it). */
  readonly showLabel: boolean;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly groups: readonly PlacedGroup[];
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

/**
 * Longest-path ranks (from 0) of a directed graph: cycles are broken first by a depth-first search
 * in id order that drops every edge closing one, then ranks are relaxed in topological order.
 */
export function longestPathRanks(ids: readonly string[], edges: readonly (readonly [string, string])[]): Map<string, number> {
  const successors = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  for (const [from, to] of edges) if (from !== to && successors.has(to)) successors.get(from)?.add(to);
  const state = new Map<string, 'open' | 'done'>();
  const kept = new Map<string, string[]>(ids.map((id) => [id, []]));
  const sortedSuccessors = (id: string): string[] => [...(successors.get(id) ?? [])].sort(compareText);
  for (const root of [...ids].sort(compareText)) {
    if (state.has(root)) continue;
    const stack: { id: string; next: string[] }[] = [{ id: root, next: sortedSuccessors(root) }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: string[] };
      const child = top.next.shift();
      if (child === undefined) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      if (state.get(child) === 'open') continue; // a back edge: it closes a cycle
      kept.get(top.id)?.push(child);
      if (!state.has(child)) {
        state.set(child, 'open');
        stack.push({ id: child, next: sortedSuccessors(child) });
      }
    }
  }
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const targets of kept.values()) for (const t of targets) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  const rank = new Map<string, number>(ids.map((id) => [id, 0]));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string;
    for (const t of kept.get(id) ?? []) {
      rank.set(t, Math.max(rank.get(t) ?? 0, (rank.get(id) ?? 0) + 1));
      const left = (indegree.get(t) ?? 1) - 1;
      indegree.set(t, left);
      if (left === 0) queue.push(t);
    }
  }
  return rank;
}

/** Rank of every group: sources 0, namespaces from 1 by longest path, destinations last. */
function rankGroups(graph: ConnectivityGraph, groupOf: ReadonlyMap<string, string>): Map<string, number> {
  const namespaces = graph.groups.filter((g) => g.kind === 'namespace').map((g) => g.id);
  const between = graph.edges.flatMap((e) => {
    const from = groupOf.get(e.from);
    const to = groupOf.get(e.to);
    return from !== undefined && to !== undefined && from !== to ? [[from, to] as const] : [];
  });
  const ranks = longestPathRanks(namespaces, between);
  const rank = new Map<string, number>([...ranks].map(([id, r]) => [id, r + 1]));
  rank.set(SOURCES_GROUP, 0);
  rank.set(DESTINATIONS_GROUP, Math.max(1, ...rank.values()) + 1);
  return rank;
}

/** Where each node of a group sits: its column (by rank of the edges inside the group, wrapped) and row. */
interface Cell {
  readonly column: number;
  readonly row: number;
}

interface GroupShape {
  readonly width: number;
  readonly height: number;
  readonly cells: ReadonlyMap<string, Cell>;
}

/** Nodes of a group in columns by their rank along the group's own edges, so those edges run left to right. */
function shapeGroup(group: GraphGroup, inner: readonly (readonly [string, string])[]): GroupShape {
  const ranks = longestPathRanks(group.nodes.map((n) => n.id), inner);
  const byRank = new Map<number, GraphNode[]>();
  for (const n of group.nodes) {
    const r = ranks.get(n.id) ?? 0;
    const list = byRank.get(r);
    if (list === undefined) byRank.set(r, [n]);
    else list.push(n);
  }
  const cells = new Map<string, Cell>();
  let column = 0;
  let rows = 0;
  const gaps: number[] = [];
  for (const r of [...byRank.keys()].sort((a, b) => a - b)) {
    const members = byRank.get(r) ?? [];
    members.forEach((n, i) => cells.set(n.id, { column: column + Math.floor(i / ROWS_PER_COLUMN), row: i % ROWS_PER_COLUMN }));
    const used = Math.ceil(members.length / ROWS_PER_COLUMN);
    for (let k = 0; k < used - 1; k++) gaps.push(NODE_GAP);
    column += used;
    gaps.push(RANK_GAP);
    rows = Math.max(rows, Math.min(members.length, ROWS_PER_COLUMN));
  }
  gaps.pop();
  const columnX = (c: number): number => GROUP_PADDING + c * NODE_WIDTH + gaps.slice(0, c).reduce((a, b) => a + b, 0);
  return {
    width: columnX(column - 1) + NODE_WIDTH + GROUP_PADDING,
    height: GROUP_TITLE + 2 * GROUP_PADDING + rows * NODE_HEIGHT + Math.max(0, rows - 1) * NODE_GAP,
    // Columns as x offsets inside the group.
    cells: new Map([...cells].map(([id, cell]) => [id, { column: columnX(cell.column), row: cell.row }])),
  };
}

export function layoutGraph(graph: ConnectivityGraph): Layout {
  const groupOf = new Map<string, string>();
  for (const g of graph.groups) for (const n of g.nodes) groupOf.set(n.id, g.id);
  const rank = rankGroups(graph, groupOf);
  const inner = new Map<string, [string, string][]>();
  for (const e of graph.edges) {
    const g = groupOf.get(e.from);
    if (g === undefined || g !== groupOf.get(e.to)) continue;
    const list = inner.get(g);
    if (list === undefined) inner.set(g, [[e.from, e.to]]);
    else list.push([e.from, e.to]);
  }
  const columns = new Map<number, GraphGroup[]>();
  for (const g of graph.groups) {
    const r = rank.get(g.id) ?? 1;
    const list = columns.get(r);
    if (list === undefined) columns.set(r, [g]);
    else list.push(g);
  }
  const groups: PlacedGroup[] = [];
  const nodes: PlacedNode[] = [];
  let x = MARGIN;
  let height = 0;
  for (const r of [...columns.keys()].sort((a, b) => a - b)) {
    const column = columns.get(r) ?? [];
    let y = MARGIN;
    let width = 0;
    for (const group of column) {
      const size = shapeGroup(group, inner.get(group.id) ?? []);
      groups.push({ group, x, y, width: size.width, height: size.height });
      for (const node of group.nodes) {
        const cell = size.cells.get(node.id) ?? { column: GROUP_PADDING, row: 0 };
        nodes.push({ node, x: x + cell.column, y: y + GROUP_TITLE + GROUP_PADDING + cell.row * (NODE_HEIGHT + NODE_GAP), width: NODE_WIDTH, height: NODE_HEIGHT });
      }
      y += size.height + GROUP_GAP;
      width = Math.max(width, size.width);
    }
    height = Math.max(height, y - GROUP_GAP + MARGIN);
    x += width + COLUMN_GAP;
  }
  const placed = new Map(nodes.map((n) => [n.node.id, n] as const));
  const edges = declutter(
    graph.edges.flatMap((edge) => {
      const from = placed.get(edge.from);
      const to = placed.get(edge.to);
      return from === undefined || to === undefined ? [] : [route(edge, from, to)];
    }),
  );
  return { width: Math.max(x - COLUMN_GAP + MARGIN, 2 * MARGIN), height: Math.max(height, 2 * MARGIN), groups, nodes, edges };
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Forward edges leave the right side and enter the left; edges within a column loop out to the right; backward edges run right to left. */
function route(edge: GraphEdge, from: Box, to: Box): PlacedEdge {
  const fy = from.y + from.height / 2;
  const ty = to.y + to.height / 2;
  let points: [number, number, number, number, number, number, number, number];
  if (to.x >= from.x + from.width) {
    const x1 = from.x + from.width;
    const x2 = to.x;
    const dx = (x2 - x1) / 2;
    points = [x1, fy, x1 + dx, fy, x2 - dx, ty, x2, ty];
  } else if (to.x + to.width <= from.x) {
    const x1 = from.x;
    const x2 = to.x + to.width;
    const dx = (x1 - x2) / 2;
    points = [x1, fy, x1 - dx, fy, x2 + dx, ty, x2, ty];
  } else {
    const x1 = from.x + from.width;
    const x2 = to.x + to.width;
    const bulge = Math.max(x1, x2) + 40 + Math.min(60, Math.abs(ty - fy) / 6);
    points = [x1, fy, bulge, fy, bulge, ty, x2, ty];
  }
  const [x0, y0, c1x, c1y, c2x, c2y, x3, y3] = points;
  // The curve's point at t = 1/2.
  const labelX = (x0 + 3 * c1x + 3 * c2x + x3) / 8;
  const labelY = (y0 + 3 * c1y + 3 * c2y + y3) / 8;
  const path = `M${round(x0)},${round(y0)} C${round(c1x)},${round(c1y)} ${round(c2x)},${round(c2y)} ${round(x3)},${round(y3)}`;
  return { edge, path, labelX: round(labelX), labelY: round(labelY), showLabel: true };
}

/** Approximate size of an edge label at 11px. */
const LABEL_CHAR = 6.2;
const LABEL_HEIGHT = 13;

/**
 * Parallel edges put the same port text in the same place: a label overlapping one with the same
 * text is hidden; one overlapping a different text moves down a line (a few times at most).
 */
function declutter(edges: readonly PlacedEdge[]): PlacedEdge[] {
  const shown: { x: number; y: number; w: number; text: string }[] = [];
  const hits = (x: number, y: number, w: number): { text: string } | undefined => shown.find((s) => Math.abs(s.x - x) * 2 < s.w + w && Math.abs(s.y - y) < LABEL_HEIGHT);
  return edges.map((e) => {
    const w = Math.min(e.edge.label.length, 26) * LABEL_CHAR;
    let y = e.labelY;
    for (let tries = 0; tries < 4; tries++) {
      const other = hits(e.labelX, y, w);
      if (other === undefined) {
        shown.push({ x: e.labelX, y, w, text: e.edge.label });
        return { ...e, labelY: y };
      }
      if (other.text === e.edge.label) return { ...e, showLabel: false };
      y += LABEL_HEIGHT;
    }
    return { ...e, showLabel: false };
  });
}
