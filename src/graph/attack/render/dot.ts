/**
 * The attack graph in Graphviz DOT: the nodes and steps of the listed paths, entry points on the
 * left (rank=min), crown jewels on the right (rank=max), the best-ranked path in red, the steps
 * the chosen fixes remove dashed green with the fix's number, and the fixes spelled out in the
 * graph's caption. `dot -Tsvg` draws it; the HTML report draws the same graph itself.
 *
 * Every string is quoted and escaped: names in manifests can hold quotes, backslashes (which
 * Graphviz reads as label escapes such as \N) and newlines.
 */
import { dotString } from '../../../lib/dot.js';
import type { AttackNode, AttackPathsResult } from '../../../model/attack.js';
import { compareText } from '../../../lib/compare.js';
import { fixNumbersOf, mergePathSteps, stepKey, type MergedStep } from '../../../lib/attack/merged-steps.js';

export interface DotOptions {
  /** Draw only the best-ranked paths (default: every listed path). */
  readonly maxPaths?: number;
}

const COLORS = { entry: '#0969da', jewel: '#8b0000', step: '#59636e', edge: '#8c959f', top: '#d1242f', cut: '#1a7f37' } as const;

/** Several lines in one label: each line escaped, joined with DOT's left-justified line break. */
function lines(...parts: readonly string[]): string {
  const escaped = parts.map((p) => dotString(p).slice(1, -1));
  return `"${escaped.join('\\l')}\\l"`;
}

function nodeLine(node: AttackNode): string {
  const role = node.entry === true ? 'entry' : node.jewel === true ? 'jewel' : 'step';
  const detail = node.namespace === undefined ? node.kind : `${node.kind} · ${node.namespace}`;
  const replicas = node.replicas !== undefined && node.replicas > 1 ? ` ×${node.replicas}` : '';
  const style = role === 'step' ? '' : `, color="${COLORS[role]}", penwidth=2${role === 'jewel' ? ', fillcolor="#fff0f0"' : ''}`;
  return `  ${dotString(node.id)} [label=${lines(node.label, detail + replicas)}${style}];`;
}

function edgeLine(edge: MergedStep, top: boolean): string {
  const { fixes } = edge;
  const attributes = [
    `label=${dotString(edge.kinds.join(', '))}`,
    `tooltip=${dotString(edge.explanations.join(' / '))}`,
    `penwidth=${Math.min(5, 1 + Math.log2(edge.paths)).toFixed(1)}`,
  ];
  if (fixes.length > 0) attributes.push(`color="${COLORS.cut}"`, 'style=dashed', `xlabel=${dotString(`fix ${fixes.join(', ')}`)}`, `fontcolor="${COLORS.cut}"`);
  else if (top) attributes.push(`color="${COLORS.top}"`);
  return `  ${dotString(edge.from)} -> ${dotString(edge.to)} [${attributes.join(', ')}];`;
}

function caption(result: AttackPathsResult, shown: number): string {
  const byId = new Map(result.fixes.map((f) => [f.id, f]));
  const head = `${result.paths.length} attack paths (${shown} drawn); cheapest cut: ${result.cut.fixIds.length} fixes, cost ${result.cut.cost} (${result.cut.guarantee})`;
  const fixes = result.cut.fixIds.map((id, i) => `fix ${i + 1}: ${byId.get(id)?.description ?? id}`);
  return lines(head, ...fixes);
}

export function attackGraphDot(result: AttackPathsResult, options: DotOptions = {}): string {
  const paths = result.paths.slice(0, options.maxPaths ?? result.paths.length);
  const fixNumbers = fixNumbersOf(result.cut.fixIds);
  const byId = new Map(result.nodes.map((n) => [n.id, n]));
  const ids = [...new Set(paths.flatMap((p) => [p.entry, ...p.steps.flatMap((s) => [s.from, s.to])]))].sort(compareText);
  const nodes = ids.map((id): AttackNode => byId.get(id) ?? { id, kind: 'workload', label: id });
  const top = new Set((paths[0]?.steps ?? []).map(stepKey));
  const rank = (which: 'entry' | 'jewel'): string[] => {
    const members = nodes.filter((n) => (which === 'entry' ? n.entry === true : n.jewel === true && n.entry !== true));
    return members.length === 0 ? [] : [`  { rank=${which === 'entry' ? 'min' : 'max'}; ${members.map((n) => `${dotString(n.id)};`).join(' ')} }`];
  };
  return [
    'digraph "attack-paths" {',
    '  rankdir=LR;',
    '  labelloc=b; labeljust=l;',
    `  label=${caption(result, paths.length)};`,
    `  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="${COLORS.step}", fontname="Helvetica", fontsize=11];`,
    `  edge [fontname="Helvetica", fontsize=9, color="${COLORS.edge}"];`,
    ...nodes.map(nodeLine),
    ...rank('entry'),
    ...rank('jewel'),
    ...mergePathSteps(paths, fixNumbers).map((e) => edgeLine(e, top.has(stepKey(e)))),
    '}',
    '',
  ].join('\n');
}
