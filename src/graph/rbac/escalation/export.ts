/** The escalation graph as JSON (stable, sorted) and as Graphviz DOT. */
import { dotString } from '../../../lib/dot.js';
import type { EscalationGraph } from './types.js';

export const GRAPH_FORMAT_VERSION = '1';

export function graphToJson(graph: EscalationGraph): string {
  const edges = [...graph.edges].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.kind, b.kind));
  return `${JSON.stringify({ version: GRAPH_FORMAT_VERSION, nodes: graph.nodes, edges }, null, 2)}\n`;
}


const SHAPES: Record<string, string> = { user: 'ellipse', group: 'ellipse', serviceaccount: 'ellipse', hub: 'diamond', role: 'box', 'namespace-admin': 'octagon', 'cluster-admin': 'doubleoctagon', secrets: 'folder', nodes: 'box3d', node: 'box3d' };

export function graphToDot(graph: EscalationGraph): string {
  const lines = ['digraph rbac_escalation {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const node of graph.nodes) {
    lines.push(`  ${dotString(node.id)} [label=${dotString(node.label)}, shape=${SHAPES[node.kind] ?? 'ellipse'}${node.system ? ', style=dashed' : ''}];`);
  }
  const edges = [...graph.edges].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.kind, b.kind));
  for (const edge of edges) lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)} [label=${dotString(edge.kind)}, tooltip=${dotString(edge.explanation)}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
