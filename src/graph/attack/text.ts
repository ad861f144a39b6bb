/**
 * The terminal rendering of an AttackPathsResult: a table of ranked paths with their steps and
 * the chosen fixes. (DOT is render/dot.ts, shared with the reports.)
 */
import type { AttackPathsResult } from '../../model/attack.js';

export function attackPathsTable(result: AttackPathsResult): string {
  const lines: string[] = [];
  const label = (id: string): string => result.nodes.find((n) => n.id === id)?.label ?? id;
  if (result.paths.length === 0) lines.push(`No attack path from ${result.entries.length} entry point(s) to ${result.jewels.length} crown jewel(s).`);
  else lines.push(`${result.paths.length} attack path(s)${result.truncated === true ? ' (more exist; the shortest are shown)' : ''}:`);
  result.paths.forEach((path, i) => {
    lines.push('', `#${i + 1}  ${label(path.entry)}  ->  ${label(path.jewel)}   steps ${path.length}, likelihood ${path.likelihood.toFixed(2)}   [${path.id}]`);
    path.steps.forEach((step, j) => {
      const ports = step.evidence.ports === undefined ? '' : ` (${step.evidence.ports})`;
      lines.push(`   ${j + 1}. ${step.kind}${ports}: ${step.explanation}`);
      if (step.findingIds.length > 0) lines.push(`      findings: ${step.findingIds.join(', ')}`);
    });
  });
  const chosen = result.fixes.filter((f) => result.cut.fixIds.includes(f.id));
  if (chosen.length > 0) {
    lines.push('', `Cheapest fixes that cut every path (cost ${result.cut.cost}, ${result.cut.guarantee}):`);
    for (const fix of chosen) {
      lines.push(`  - [${fix.kind}, cost ${fix.cost}] ${fix.description}  (cuts ${fix.cuts.length} listed path(s))`);
      if (fix.patch !== undefined) for (const line of fix.patch.trimEnd().split('\n')) lines.push(`      ${fix.patchType === 'delete' ? 'delete: ' : ''}${line}`);
    }
  }
  if (result.cut.uncuttable.length > 0) lines.push('', `${result.cut.uncuttable.length} path(s) no manifest change can cut (an entry that is itself a crown jewel, or steps nothing removes).`);
  return `${lines.join('\n')}\n`;
}
