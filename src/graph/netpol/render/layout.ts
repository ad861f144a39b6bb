/**
 * A layered layout of the connectivity graph, in the spirit of Sugiyama's method at the level of
 * groups: groups (namespaces) are ranked left to right by the longest path over the group graph
 * once cycles are broken (depth-first, back edges ignored), outside sources first and outside
 * destinations last. Groups of one rank share a column, stacked; nodes sit in a grid inside their
 * group. Every box has its own cell, so no two boxes overlap by construction. Edges are cubic
 * curves between box sides, labelled at their middle.
 */
import { compareText } from '../format.js';
import { DESTINATIONS_GROUP, SOURCES_GROUP, type ConnectivityGraph, type GraphEdge, type GraphGroup, type GraphNode } from './graph.js';

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 34;
const NODE_GAP = 12;
const GROUP_PADDING = 14;
const GROUP_TITLE = 24;
const GROUP_GAP = 28;
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
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly groups: readonly PlacedGroup[];
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

/** Rank of every group: sources 0, namespaces from 1 by longest path, destinations last. */
function rankGroups(graph: ConnectivityGraph): Map<string, number> {
  const groupOf = new Map<string, string>();
  for (const g of graph.groups) for (const n of g.nodes) groupOf.set(n.id, g.id);
  const namespaces = graph.groups.filter((g) => g.kind === 'namespace').map((g) => g.id);
  const successors = new Map<string, Set<string>>(namespaces.map((id) => [id, new Set<string>()]));
  for (const e of graph.edges) {
    const from = groupOf.get(e.from);
    const to = groupOf.get(e.to);
    if (from !== undefined && to !== undefined && from !== to) successors.get(from)?.add(to);
  }
  // Depth-first search in name order; an edge to a group still on the stack closes a cycle and is dropped.
  const state = new Map<string, 'open' | 'done'>();
  const kept = new Map<string, string[]>(namespaces.map((id) => [id, []]));
  const visit = (root: string): void => {
    const stack: { id: string; next: string[] }[] = [{ id: root, next: [...(successors.get(root) ?? [])].sort(compareText) }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: string[] };
      const child = top.next.shift();
      if (child === undefined) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      if (state.get(child) === 'open') continue;
      kept.get(top.id)?.push(child);
      if (!state.has(child)) {
        state.set(child, 'open');
        stack.push({ id: child, next: [...(successors.get(child) ?? [])].sort(compareText) });
      }
    }
  };
  for (const id of namespaces) if (!state.has(id)) visit(id);
  // Longest path over the acyclic kept edges, by repeated relaxation in topological order.
  const indegree = new Map<string, number>(namespaces.map((id) => [id, 0]));
  for (const targets of kept.values()) for (const t of targets) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  const rank = new Map<string, number>(namespaces.map((id) => [id, 1]));
  const queue = namespaces.filter((id) => indegree.get(id) === 0);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const t of kept.get(id) ?? []) {
      rank.set(t, Math.max(rank.get(t) ?? 1, (rank.get(id) ?? 1) + 1));
      const left = (indegree.get(t) ?? 1) - 1;
      indegree.set(t, left);
      if (left === 0) queue.push(t);
    }
  }
  const last = Math.max(1, ...rank.values()) + 1;
  rank.set(SOURCES_GROUP, 0);
  rank.set(DESTINATIONS_GROUP, last);
  return rank;
}

function groupSize(group: GraphGroup): { width: number; height: number; columns: number } {
  const columns = Math.max(1, Math.ceil(group.nodes.length / ROWS_PER_COLUMN));
  const rows = Math.min(group.nodes.length, ROWS_PER_COLUMN);
  return {
    columns,
    width: 2 * GROUP_PADDING + columns * NODE_WIDTH + (columns - 1) * NODE_GAP,
    height: GROUP_TITLE + 2 * GROUP_PADDING + rows * NODE_HEIGHT + Math.max(0, rows - 1) * NODE_GAP,
  };
}

export function layoutGraph(graph: ConnectivityGraph): Layout {
  const rank = rankGroups(graph);
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
      const size = groupSize(group);
      groups.push({ group, x, y, width: size.width, height: size.height });
      group.nodes.forEach((node, i) => {
        const col = Math.floor(i / ROWS_PER_COLUMN);
        const row = i % ROWS_PER_COLUMN;
        nodes.push({ node, x: x + GROUP_PADDING + col * (NODE_WIDTH + NODE_GAP), y: y + GROUP_TITLE + GROUP_PADDING + row * (NODE_HEIGHT + NODE_GAP), width: NODE_WIDTH, height: NODE_HEIGHT });
      });
      y += size.height + GROUP_GAP;
      width = Math.max(width, size.width);
    }
    height = Math.max(height, y - GROUP_GAP + MARGIN);
    x += width + COLUMN_GAP;
  }
  const placed = new Map(nodes.map((n) => [n.node.id, n] as const));
  const edges = graph.edges.flatMap((edge) => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    return from === undefined || to === undefined ? [] : [route(edge, from, to)];
  });
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
  return { edge, path, labelX: round(labelX), labelY: round(labelY) };
}
