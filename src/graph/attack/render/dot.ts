/**
 * The attack graph in Graphviz DOT: the nodes and steps of the listed paths, entry points on the
 * left (rank=min), crown jewels on the right (rank=max), the best-ranked path in red, the steps
 * the chosen fixes remove dashed green with the fix's number, and the fixes spelled out in the
 * graph's caption. `dot -Tsvg` draws it; the HTML report draws the same graph itself.
 *
 * Every string is quoted and escaped: names in manifests can hold quotes, backslashes (which
 * Graphviz reads as label escapes such as \N) and newlines.
 */
import type { AttackNode, AttackPath, AttackPathsResult, AttackStep } from '../../../model/attack.js';
import { compareText } from '../../../lib/compare.js';

export interface DotOptions {
  /** Draw only the best-ranked paths (default: every listed path). */
  readonly maxPaths?: number;
}

const COLORS = { entry: '#0969da', jewel: '#8b0000', step: '#59636e', edge: '#8c959f', top: '#d1242f', cut: '#1a7f37' } as const;

/** A DOT double-quoted string whose content Graphviz shows literally. */
export function dotString(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the output
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `"${flat.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

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

interface MergedEdge {
  readonly from: string;
  readonly to: string;
  readonly kinds: Set<string>;
  readonly explanations: Set<string>;
  readonly paths: Set<string>;
  readonly fixes: Set<number>;
}

function mergeSteps(paths: readonly AttackPath[], fixNumbers: ReadonlyMap<string, number>): MergedEdge[] {
  const merged = new Map<string, MergedEdge>();
  const add = (path: AttackPath, step: AttackStep): void => {
    const key = `${step.from}\u0000${step.to}`;
    let edge = merged.get(key);
    if (edge === undefined) {
      edge = { from: step.from, to: step.to, kinds: new Set(), explanations: new Set(), paths: new Set(), fixes: new Set() };
      merged.set(key, edge);
    }
    edge.kinds.add(step.kind);
    edge.explanations.add(step.explanation);
    edge.paths.add(path.id);
    for (const fix of step.fixIds) {
      const number = fixNumbers.get(fix);
      if (number !== undefined) edge.fixes.add(number);
    }
  };
  for (const path of paths) for (const step of path.steps) add(path, step);
  return [...merged.values()].sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to));
}

function edgeLine(edge: MergedEdge, top: boolean): string {
  const fixes = [...edge.fixes].sort((a, b) => a - b);
  const attributes = [
    `label=${dotString([...edge.kinds].sort(compareText).join(', '))}`,
    `tooltip=${dotString([...edge.explanations].sort(compareText).join(' / '))}`,
    `penwidth=${Math.min(5, 1 + Math.log2(edge.paths.size)).toFixed(1)}`,
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
  const fixNumbers = new Map(result.cut.fixIds.map((id, i) => [id, i + 1]));
  const byId = new Map(result.nodes.map((n) => [n.id, n]));
  const ids = [...new Set(paths.flatMap((p) => [p.entry, ...p.steps.flatMap((s) => [s.from, s.to])]))].sort(compareText);
  const nodes = ids.map((id): AttackNode => byId.get(id) ?? { id, kind: 'workload', label: id });
  const top = new Set((paths[0]?.steps ?? []).map((s) => `${s.from}\u0000${s.to}`));
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
    ...mergeSteps(paths, fixNumbers).map((e) => edgeLine(e, top.has(`${e.from}\u0000${e.to}`))),
    '}',
    '',
  ].join('\n');
}
