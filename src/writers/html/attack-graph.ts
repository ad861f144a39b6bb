/**
 * The attack graph as inline SVG: entry points on the left, crown jewels on the right, the nodes
 * of the drawn paths in between (attack-layout.ts places them). Edges are as thick as the number
 * of paths through them, the best-ranked path is drawn in its own colour, and the edges the chosen
 * fixes remove carry the fix's number, matching the fix table under the picture.
 *
 * Colours come from CSS classes (ATTACK_GRAPH_STYLE): the page's CSP forbids style attributes.
 * Every string from the report goes through escapeHtml.
 */
import type { AttackNode, AttackPath, AttackPathsResult } from '../../model/attack.js';
import { compareText } from '../../lib/compare.js';
import { fixNumbersOf, mergePathSteps, stepKey, type MergedStep } from '../../lib/attack/merged-steps.js';
import { layeredLayout, MARGIN, NODE_HEIGHT, NODE_WIDTH, type Layout, type Point, type Route } from './attack-layout.js';
import { escapeHtml as h } from './escape.js';

/** Past this many nodes a picture stops being readable: the best-ranked paths that fit are drawn. */
export const MAX_DRAWN_NODES = 60;

/**
 * Widest advance of a character in the label fonts, as a fraction of the font size: monospace
 * fonts advance 0.6 em; the margin covers fonts that differ slightly. Labels are cut to fit.
 */
const CHAR_EM = 0.62;
const LABEL_SIZE = 12;
const DETAIL_SIZE = 10;
const PADDING = 8;

export interface DrawnEdge extends MergedStep {
  /** On the best-ranked path. */
  readonly top: boolean;
}

export interface DrawnGraph {
  readonly nodes: readonly AttackNode[];
  readonly edges: readonly DrawnEdge[];
  readonly paths: readonly AttackPath[];
  /** Chosen fix id -> its number in the picture. */
  readonly fixNumbers: ReadonlyMap<string, number>;
}

/** The best-ranked paths whose nodes fit in the budget (the result ranks them already). */
export function selectPaths(paths: readonly AttackPath[], budget = MAX_DRAWN_NODES): AttackPath[] {
  const nodes = new Set<string>();
  const chosen: AttackPath[] = [];
  for (const path of paths) {
    const ids = [path.entry, ...path.steps.map((s) => s.to)];
    const added = ids.filter((id) => !nodes.has(id));
    if (nodes.size + new Set(added).size > budget) continue;
    for (const id of added) nodes.add(id);
    chosen.push(path);
  }
  return chosen;
}

/** The nodes and merged edges of the chosen paths (two steps between the same nodes are one line). */
export function drawnGraph(result: AttackPathsResult, budget = MAX_DRAWN_NODES): DrawnGraph {
  const paths = selectPaths(result.paths, budget);
  const fixNumbers = fixNumbersOf(result.cut.fixIds);
  const byId = new Map(result.nodes.map((n) => [n.id, n]));
  const nodeIds = new Set(paths.flatMap((p) => [p.entry, ...p.steps.flatMap((s) => [s.from, s.to])]));
  const topKeys = new Set((paths[0]?.steps ?? []).map(stepKey));
  const nodes = [...nodeIds].sort(compareText).map((id): AttackNode => byId.get(id) ?? { id, kind: 'workload', label: id });
  const edges = mergePathSteps(paths, fixNumbers).map((e): DrawnEdge => ({ ...e, top: topKeys.has(stepKey(e)) }));
  return { nodes, edges, paths, fixNumbers };
}

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** East Asian wide and fullwidth ranges, and emoji: two cells in a monospace font. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1faff],
  [0x20000, 0x3fffd],
];

/** Cells a grapheme takes: two for wide scripts and emoji, so labels stay inside their box. */
export function cellWidth(grapheme: string): number {
  const code = grapheme.codePointAt(0) ?? 0;
  return WIDE.some(([lo, hi]) => code >= lo && code <= hi) ? 2 : 1;
}

/**
 * The label cut to the cells that fit in `width` pixels at `size`: the start and, longer, the end
 * around an ellipsis, since names differ at their end (system:serviceaccount:shop:api).
 */
export function fitText(text: string, width: number, size: number): string {
  const room = Math.floor(width / (size * CHAR_EM));
  // A hostile label may be megabytes long: only its two ends can be shown anyway.
  const source = text.length > 4096 ? `${text.slice(0, 2048)}${text.slice(-2048)}` : text;
  const graphemes = Array.from(GRAPHEMES.segment(source), (g) => g.segment);
  if (source === text && graphemes.reduce((n, g) => n + cellWidth(g), 0) <= room) return text;
  const budget = room - 1;
  let head = '';
  let used = 0;
  for (const g of graphemes) {
    if (used + cellWidth(g) > Math.floor(budget * 0.4)) break;
    head += g;
    used += cellWidth(g);
  }
  let tail = '';
  for (let i = graphemes.length - 1; i >= 0; i--) {
    const g = graphemes[i] ?? '';
    if (used + cellWidth(g) > budget) break;
    tail = g + tail;
    used += cellWidth(g);
  }
  return `${head}…${tail}`;
}

function roleOf(node: AttackNode): 'entry' | 'jewel' | 'step' {
  return node.entry === true ? 'entry' : node.jewel === true ? 'jewel' : 'step';
}

function nodeDetail(node: AttackNode): string {
  const replicas = node.replicas !== undefined && node.replicas > 1 ? ` ×${node.replicas}` : '';
  return node.namespace === undefined ? `${node.kind}${replicas}` : `${node.kind} · ${node.namespace}${replicas}`;
}

function nodeBox(node: AttackNode, layout: Layout): string {
  const box = layout.boxes.get(node.id);
  if (box === undefined) return '';
  const role = roleOf(node);
  const inner = NODE_WIDTH - 2 * PADDING;
  const title = `${node.label} (${node.kind}${node.namespace === undefined ? '' : `, namespace ${node.namespace}`})${role === 'entry' ? ' — entry point' : role === 'jewel' ? ' — crown jewel' : ''}`;
  return [
    `<g class="ag-node ${role} k-${h(node.kind)}" data-node="${h(node.id)}"><title>${h(title)}</title>`,
    `<rect x="${box.x}" y="${box.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6"/>`,
    `<text x="${box.x + PADDING}" y="${box.y + 17}" class="ag-label">${h(fitText(node.label, inner, LABEL_SIZE))}</text>`,
    `<text x="${box.x + PADDING}" y="${box.y + 32}" class="ag-detail">${h(fitText(nodeDetail(node), inner, DETAIL_SIZE))}</text>`,
    '</g>',
  ].join('');
}

const r = (n: number): string => String(Math.round(n * 10) / 10);

/** Smooth horizontal curves between the points; straight through the columns an edge crosses. */
function spanPath(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (first === undefined) return '';
  let d = `M${r(first.x)},${r(first.y)}`;
  let previous = first;
  rest.forEach((p, i) => {
    if (i % 2 === 1) d += ` L${r(p.x)},${r(p.y)}`;
    else {
      const bend = (p.x - previous.x) / 2;
      d += ` C${r(previous.x + bend)},${r(previous.y)} ${r(p.x - bend)},${r(p.y)} ${r(p.x)},${r(p.y)}`;
    }
    previous = p;
  });
  return d;
}

function routePath(route: Route): { d: string; mid: Point } {
  if (route.shape === 'loop') {
    const bulge = 40;
    const d = `M${r(route.from.x)},${r(route.from.y)} C${r(route.from.x + bulge)},${r(route.from.y)} ${r(route.to.x + bulge)},${r(route.to.y)} ${r(route.to.x)},${r(route.to.y)}`;
    return { d, mid: { x: route.from.x + bulge * 0.75, y: (route.from.y + route.to.y) / 2 } };
  }
  const a = route.points[0] ?? { x: 0, y: 0 };
  const b = route.points[1] ?? a;
  return { d: spanPath(route.points), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
}

function widthClass(paths: number): string {
  return paths >= 8 ? 'w4' : paths >= 4 ? 'w3' : paths >= 2 ? 'w2' : 'w1';
}

function edgeLine(edge: DrawnEdge, route: Route, labels: ReadonlyMap<string, string>): string {
  const { d, mid } = routePath(route);
  const classes = ['ag-edge', widthClass(edge.paths), edge.top ? 'top' : '', edge.fixes.length > 0 ? 'cut' : ''].filter((c) => c !== '').join(' ');
  const marker = edge.fixes.length > 0 ? 'ag-arrow-cut' : edge.top ? 'ag-arrow-top' : 'ag-arrow';
  const reversed = route.shape === 'span' && route.reversed;
  const arrow = reversed ? `marker-start="url(#${marker})"` : `marker-end="url(#${marker})"`;
  const fixes = edge.fixes.length === 0 ? '' : `; cut by fix ${edge.fixes.join(', ')}`;
  const title = `${labels.get(edge.from) ?? edge.from} → ${labels.get(edge.to) ?? edge.to}: ${edge.explanations.join(' / ')} (${edge.paths} path${edge.paths === 1 ? '' : 's'}${fixes})`;
  const cut =
    edge.fixes.length === 0
      ? ''
      : `<g class="ag-fix"><circle cx="${r(mid.x)}" cy="${r(mid.y)}" r="9"/><text x="${r(mid.x)}" y="${r(mid.y + 4)}" text-anchor="middle">${edge.fixes[0] ?? ''}</text></g>`;
  return `<g class="${classes}" data-kinds="${h(edge.kinds.join(' '))}"><title>${h(title)}</title><path d="${d}" ${arrow}/>${cut}</g>`;
}

const MARKERS = ['ag-arrow', 'ag-arrow-top', 'ag-arrow-cut']
  .map((id) => `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="${id}"/></marker>`)
  .join('');

/** The SVG picture of a drawn graph, or '' when there is nothing to draw. */
export function attackGraphSvg(graph: DrawnGraph): string {
  if (graph.nodes.length === 0) return '';
  const layout = layeredLayout({ nodes: graph.nodes.map((n) => ({ id: n.id, role: roleOf(n) })), edges: graph.edges });
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const height = layout.height + MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="attack-graph" width="${r(layout.width)}" height="${r(height)}" viewBox="0 0 ${r(layout.width)} ${r(height)}" role="img" aria-label="Attack graph: entry points on the left, crown jewels on the right">`,
    `<defs>${MARKERS}</defs>`,
    // Edges first, so node boxes sit on top of the line ends.
    graph.edges.map((edge, i) => edgeLine(edge, layout.routes[i] ?? { shape: 'span', points: [], reversed: false }, labels)).join(''),
    graph.nodes.map((node) => nodeBox(node, layout)).join(''),
    '</svg>',
  ].join('\n');
}
