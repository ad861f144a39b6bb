/**
 * The "Attack paths" section of the HTML report: a one-line verdict, the picture, the chosen
 * fixes (numbered as in the picture) and the ranked paths, every step explained.
 */
import type { AttackFix, AttackPath, AttackPathsResult } from '../../model/attack.js';
import type { Finding } from '../../model/finding.js';
import { resourceKey } from '../../model/resource.js';
import { plural } from '../common/summary.js';
import { attackGraphSvg, drawnGraph, type DrawnGraph } from './attack-graph.js';
import { escapeHtml as h } from './escape.js';

/** Paths listed in full under the picture; the JSON report has all of them. */
const LISTED_PATHS = 25;
/** Findings in the "raised by the attack paths" table. */
const LISTED_RISKS = 15;

/** The CSS of the picture, appended to the page's stylesheet (and so covered by its CSP hash). */
export const ATTACK_GRAPH_STYLE = `
.attack-scroll { overflow: auto; max-height: 80vh; border: 1px solid var(--line); border-radius: 8px; background: var(--panel); }
svg.attack-graph { display: block; }
.ag-node rect { fill: var(--bg); stroke: var(--muted); stroke-width: 1; }
.ag-node.entry rect { stroke: var(--low); stroke-width: 2; }
.ag-node.jewel rect { stroke: var(--critical); stroke-width: 2; }
.ag-label { font: 600 12px ui-monospace, SFMono-Regular, Menlo, monospace; fill: var(--fg); }
.ag-detail { font: 10px ui-monospace, SFMono-Regular, Menlo, monospace; fill: var(--muted); }
.ag-edge path { fill: none; stroke: var(--muted); opacity: 0.75; }
.ag-edge.w1 path { stroke-width: 1.2; } .ag-edge.w2 path { stroke-width: 2; } .ag-edge.w3 path { stroke-width: 3; } .ag-edge.w4 path { stroke-width: 4.5; }
.ag-edge.top path { stroke: var(--high); opacity: 1; }
.ag-edge.cut path { stroke: var(--pass); stroke-dasharray: 6 4; opacity: 1; }
.ag-edge:hover path { opacity: 1; stroke-width: 4; }
.ag-arrow { fill: var(--muted); } .ag-arrow-top { fill: var(--high); } .ag-arrow-cut { fill: var(--pass); }
.ag-fix circle { fill: var(--pass); } .ag-fix text { font: 600 11px system-ui, sans-serif; fill: #fff; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 8px 0; font-size: 12px; color: var(--muted); }
.legend .swatch { display: inline-block; width: 22px; height: 0; border-top: 3px solid var(--muted); vertical-align: middle; margin-right: 4px; }
.legend .swatch.top { border-color: var(--high); } .legend .swatch.cut { border-top: 3px dashed var(--pass); }
.legend .swatch.entry { height: 12px; border: 2px solid var(--low); border-radius: 3px; }
.legend .swatch.jewel { height: 12px; border: 2px solid var(--critical); border-radius: 3px; }
ol.attack-paths li { margin-bottom: 6px; }
ol.attack-paths .steps { margin: 2px 0 0; padding-left: 18px; color: var(--muted); }
`;

function verdictLine(result: AttackPathsResult): string {
  const pairs = plural(result.stats.reachablePairs, 'entry/jewel pair');
  const cut = result.cut;
  const fixes = plural(cut.fixIds.length, 'fix', 'fixes');
  const bound = cut.optimal ? 'proven cheapest' : h(cut.guarantee);
  const truncated = result.truncated === true ? ' (some pairs have more paths than listed)' : '';
  return `<p><strong>${plural(result.paths.length, 'path')}</strong> from ${plural(result.entries.length, 'entry point')} to ${plural(result.jewels.length, 'crown jewel')} (${pairs})${truncated}. The cheapest cut found is <strong>${fixes}</strong>, cost ${cut.cost} (${bound}).</p>`;
}

const LEGEND = [
  '<div class="legend">',
  '<span><span class="swatch entry"></span>entry point</span>',
  '<span><span class="swatch jewel"></span>crown jewel</span>',
  '<span><span class="swatch top"></span>best-ranked path</span>',
  '<span><span class="swatch cut"></span>removed by a chosen fix (numbered)</span>',
  '<span>thicker line: more paths</span>',
  '</div>',
].join('');

function fixRow(fix: AttackFix, number: number): string {
  const target = fix.resource === undefined ? 'new object' : `${fix.resource.kind}/${fix.resource.namespace === undefined ? '' : `${fix.resource.namespace}/`}${fix.resource.name}`;
  const patch = fix.patch === undefined ? '' : `<details><summary>patch (${h(fix.patchType ?? 'merge')})</summary><pre>${h(fix.patch)}</pre></details>`;
  return `<tr><td>${number}</td><td>${h(fix.description)}${patch}</td><td>${h(fix.kind)}</td><td>${fix.cost}</td><td>${fix.cuts.length}</td><td class="resource">${h(target)}</td></tr>`;
}

function fixesTable(result: AttackPathsResult): string {
  const byId = new Map(result.fixes.map((f) => [f.id, f]));
  const chosen = result.cut.fixIds.flatMap((id) => byId.get(id) ?? []);
  if (chosen.length === 0) return '';
  return [
    '<h3>Chosen fixes</h3>',
    '<table><thead><tr><th>#</th><th>Fix</th><th>Kind</th><th>Cost</th><th>Paths cut</th><th>Object</th></tr></thead>',
    `<tbody>${chosen.map((fix, i) => fixRow(fix, i + 1)).join('')}</tbody></table>`,
  ].join('\n');
}

function pathItem(path: AttackPath, labels: ReadonlyMap<string, string>): string {
  const name = (id: string): string => h(labels.get(id) ?? id);
  const chain = [path.entry, ...path.steps.map((s) => s.to)].map(name).join(' → ');
  const steps = path.steps.map((s) => `<li>${h(s.explanation)}</li>`).join('');
  return `<li><strong>${chain}</strong> <span class="muted">(${plural(path.length, 'step')}, likelihood ${path.likelihood.toFixed(2)})</span><ol class="steps">${steps}</ol></li>`;
}

function pathsList(result: AttackPathsResult): string {
  const labels = new Map(result.nodes.map((n) => [n.id, n.label]));
  const listed = result.paths.slice(0, LISTED_PATHS);
  const more = result.paths.length - listed.length;
  return [
    '<details><summary>Paths, best-ranked first</summary>',
    `<ol class="attack-paths">${listed.map((p) => pathItem(p, labels)).join('')}</ol>`,
    more > 0 ? `<p class="muted">… and ${more} more in the JSON report.</p>` : '',
    '</details>',
  ].join('\n');
}

/** The findings the paths made riskier than their severity, riskiest first. */
function riskTable(findings: readonly Finding[]): string {
  const raised = findings
    .filter((f) => !f.suppressed && f.risk?.context === 'on-path')
    .sort((a, b) => (b.risk?.score ?? 0) - (a.risk?.score ?? 0) || (b.risk?.paths ?? 0) - (a.risk?.paths ?? 0));
  if (raised.length === 0) return '';
  const rows = raised.slice(0, LISTED_RISKS).map((f) => {
    const risk = f.risk;
    const badge = risk === undefined ? '' : `<span class="badge ${h(risk.level)}">${risk.score}</span>`;
    return `<tr><td>${badge}</td><td><span class="badge ${h(f.severity)}">${h(f.severity)}</span></td><td class="rule">${h(f.ruleId)}</td><td class="resource">${h(resourceKey(f.resource))}</td><td>${h(risk?.reason ?? '')}</td></tr>`;
  });
  const more = raised.length > LISTED_RISKS ? `<p class="muted">… and ${raised.length - LISTED_RISKS} more; every finding carries its risk in the JSON and SARIF reports.</p>` : '';
  return [
    `<h3>Findings on attack paths (${raised.length})</h3>`,
    '<table><thead><tr><th>Risk</th><th>Severity</th><th>Rule</th><th>Resource</th><th>Why</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
    more,
  ].join('\n');
}

function pictureNote(graph: DrawnGraph, result: AttackPathsResult): string {
  if (graph.paths.length === result.paths.length) return '';
  return `<p class="muted">The picture shows the ${graph.paths.length} best-ranked of ${result.paths.length} paths (${graph.nodes.length} nodes) so that it stays readable.</p>`;
}

export function attackPathsSection(result: AttackPathsResult | undefined, findings: readonly Finding[] = []): string {
  if (result === undefined) return '';
  if (result.paths.length === 0) {
    return `<section id="attack-paths"><h2>Attack paths</h2>\n<p>No path leads from the ${plural(result.entries.length, 'entry point')} to the ${plural(result.jewels.length, 'crown jewel')}.</p></section>`;
  }
  const graph = drawnGraph(result);
  return [
    `<section id="attack-paths"><h2>Attack paths (${result.paths.length})</h2>`,
    verdictLine(result),
    LEGEND,
    pictureNote(graph, result),
    `<div class="attack-scroll">${attackGraphSvg(graph)}</div>`,
    fixesTable(result),
    riskTable(findings),
    pathsList(result),
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}
