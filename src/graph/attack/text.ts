/**
 * The terminal rendering of an AttackPathsResult: a table of ranked paths with their steps and
 * the chosen fixes. (DOT is render/dot.ts, shared with the reports.) Paths are numbered, and a fix
 * names the paths it cuts by those numbers and says how its patch applies, so a reader can act on
 * it without the JSON.
 */
import type { AttackFix, AttackPathsResult } from '../../model/attack.js';

export function attackPathsTable(result: AttackPathsResult): string {
  const lines: string[] = [];
  const label = (id: string): string => result.nodes.find((n) => n.id === id)?.label ?? id;
  const number = new Map(result.paths.map((p, i) => [p.id, `#${String(i + 1)}`]));
  const numbers = (ids: readonly string[]): string => ids.map((id) => number.get(id) ?? id).join(', ');
  const uncuttable = new Set(result.cut.uncuttable);
  if (result.paths.length === 0) lines.push(`No attack path from ${result.entries.length} entry point(s) to ${result.jewels.length} crown jewel(s).`);
  else lines.push(`${result.paths.length} attack path(s)${result.truncated === true ? ' (more exist; the shortest are shown)' : ''}:`);
  result.paths.forEach((path, i) => {
    const mark = uncuttable.has(path.id) ? '   (no manifest change cuts it)' : '';
    lines.push('', `#${i + 1}  ${label(path.entry)}  ->  ${label(path.jewel)}   steps ${path.length}, likelihood ${path.likelihood.toFixed(2)}   [${path.id}]${mark}`);
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
      const cuts = fix.cuts.length === 0 ? 'cuts paths beyond the listed ones' : `cuts ${numbers(fix.cuts)}`;
      lines.push(`  - [${fix.kind}, cost ${fix.cost}] ${fix.description}  (${cuts})`);
      const how = applyHint(fix);
      if (how !== undefined) lines.push(`      ${how}`);
      if (fix.patch !== undefined && fix.patchType !== 'delete') for (const line of fix.patch.trimEnd().split('\n')) lines.push(`        ${line}`);
    }
  }
  if (uncuttable.size > 0) lines.push('', `${uncuttable.size} path(s) no manifest change can cut (${numbers(result.cut.uncuttable)}): an entry that is itself a crown jewel, or steps nothing in the manifests removes.`);
  return `${lines.join('\n')}\n`;
}

/**
 * How a patch applies. `merge` patches address containers and volumes by name, which only a
 * strategic merge does: a JSON merge patch (`kubectl patch --type merge`) would replace the whole
 * list with the few entries the patch names.
 */
function applyHint(fix: AttackFix): string | undefined {
  const ref = fix.resource;
  const object = ref === undefined ? '' : `${ref.kind} ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}`;
  if (fix.patchType === 'delete') return `delete ${object}`;
  if (fix.patchType === 'create') return 'add this object:';
  if (fix.patchType === 'merge') return `strategic-merge patch of ${object} (kubectl patch --type strategic; not --type merge, which would replace its lists):`;
  return undefined;
}
