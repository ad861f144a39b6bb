/**
 * The table report's attack-path parts: a risk tag on each finding line, and a section with the
 * verdict of the analysis, the best-ranked paths and the chosen fixes.
 */
import type { AttackPathsResult } from '../../model/attack.js';
import type { Finding } from '../../model/finding.js';
import type { Severity } from '../../model/severity.js';
import { plural } from '../common/summary.js';
import { visibleControls } from '../../lib/visible-controls.js';
import { RISK_ARROWS } from '../common/risk.js';

type Paint = (severity: Severity, text: string) => string;

interface Dim {
  dim(text: string): string;
  bold(text: string): string;
}

/** Paths spelled out in the terminal; the JSON report lists them all. */
const SHOWN_PATHS = 5;


/** "risk  95↑ " (raised: on a path), "risk  30↓ " (lowered: unreachable), or '' without a risk. */
export function riskTag(paint: Paint, finding: Finding): string {
  const { risk } = finding;
  if (risk === undefined) return '';
  return `${paint(risk.level, `risk ${String(risk.score).padStart(3)}${RISK_ARROWS[risk.context] || ' '}`)}  `;
}

function chain(result: AttackPathsResult, ids: readonly string[]): string {
  const labels = new Map(result.nodes.map((n) => [n.id, n.label]));
  return ids.map((id) => visibleControls(labels.get(id) ?? id)).join(' → ');
}

export function attackSection(c: Dim, result: AttackPathsResult | undefined): string[] {
  if (result === undefined) return [];
  const where = `from ${plural(result.entries.length, 'entry point')} to ${plural(result.jewels.length, 'crown jewel')}`;
  if (result.paths.length === 0) return [c.bold('Attack paths (0)'), `  No path leads ${where}.`, ''];
  const { cut } = result;
  const fixes = new Map(result.fixes.map((f) => [f.id, f]));
  const paths = result.paths.slice(0, SHOWN_PATHS).map((p, i) => `  ${i + 1}. ${chain(result, [p.entry, ...p.steps.map((s) => s.to)])} ${c.dim(`(${plural(p.length, 'step')}, likelihood ${p.likelihood.toFixed(2)})`)}`);
  const more = result.paths.length > SHOWN_PATHS ? [c.dim(`  ... and ${result.paths.length - SHOWN_PATHS} more (see --format json or html)`)] : [];
  const bound = cut.optimal ? 'proven cheapest' : visibleControls(cut.guarantee);
  const chosen = cut.fixIds.map((id, i) => {
    const fix = fixes.get(id);
    return `  fix ${i + 1}: ${visibleControls(fix?.description ?? id)} ${c.dim(`(cost ${fix?.cost ?? '?'}, cuts ${plural(fix?.cuts.length ?? 0, 'listed path')})`)}`;
  });
  return [
    c.bold(`Attack paths (${result.paths.length}${result.truncated === true ? '+' : ''})`) + c.dim(` ${where}`),
    ...paths,
    ...more,
    `  Cheapest cut: ${plural(cut.fixIds.length, 'fix', 'fixes')}, cost ${cut.cost} ${c.dim(`(${bound})`)}`,
    ...chosen,
    '',
  ];
}
