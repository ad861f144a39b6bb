/**
 * The attack parts of the writers: the layered layout's geometry, label fitting, the DOT output
 * (parsed by the real Graphviz when installed), risk in table, JSON and SARIF, and the HTML
 * section, with golden files for the sample report as a scan with the attack analysis writes it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AttackPathsResult } from '../../src/model/attack.js';
import type { Report } from '../../src/model/report.js';
import { attackGraphDot } from '../../src/graph/attack/render/dot.js';
import { dotString } from '../../src/lib/dot.js';
import { attackGraphSvg, cellWidth, drawnGraph, fitText, MAX_DRAWN_NODES, selectPaths } from '../../src/writers/html/attack-graph.js';
import { assignLayers, layeredLayout, NODE_HEIGHT, NODE_WIDTH } from '../../src/writers/html/attack-layout.js';
import { htmlReport } from '../../src/writers/html/html.js';
import { jsonWriter } from '../../src/writers/json/json.js';
import { sarifLog } from '../../src/writers/sarif/sarif.js';
import { tableWriter } from '../../src/writers/table/table.js';
import { ATTACK_REPORT, ATTACK_RESULT, generatedPathSet, withAttackPaths } from './attack-sample.js';
import { expectGolden } from './golden.js';
import { reportValidator } from './report-schema.js';
import { SAMPLE_REPORT } from './sample-report.js';

const DOT = '/usr/bin/dot';
const graphviz = existsSync(DOT);
if (!graphviz) console.log(`DOT parsing tests skipped: ${DOT} is absent (apt-get install graphviz)`);

const HOSTILE = '<img src=x onerror=alert(1)> "q" \\N \\" }; digraph x { a -> b';

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return a.x < b.x + NODE_WIDTH && b.x < a.x + NODE_WIDTH && a.y < b.y + NODE_HEIGHT && b.y < a.y + NODE_HEIGHT;
}

describe('attack graph layout', () => {
  const result = generatedPathSet(50);
  const graph = drawnGraph(result);

  it('draws every node of a 50-node path set', () => {
    expect(result.nodes.length).toBe(50);
    expect(graph.nodes.length).toBe(50);
    expect(graph.paths.length).toBe(result.paths.length);
  });

  it('puts entries in the first column, jewels in the last, no two boxes overlapping', () => {
    const layout = layeredLayout({ nodes: graph.nodes.map((n) => ({ id: n.id, role: n.entry === true ? 'entry' : n.jewel === true ? 'jewel' : 'step' })), edges: graph.edges });
    const boxes = [...layout.boxes.values()];
    for (const n of graph.nodes) {
      const box = layout.boxes.get(n.id);
      if (n.entry === true) expect(box?.layer).toBe(0);
      if (n.jewel === true) expect(box?.layer).toBe(layout.layers - 1);
    }
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      if (a === undefined) continue;
      expect(a.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width);
      expect(a.y + NODE_HEIGHT).toBeLessThanOrEqual(layout.height);
      for (const b of boxes.slice(i + 1)) expect(overlaps(a, b), `${a.id} and ${b.id}`).toBe(false);
    }
  });

  it('routes a step over several columns through its own slots, never through a box', () => {
    const layout = layeredLayout({ nodes: graph.nodes.map((n) => ({ id: n.id, role: n.entry === true ? 'entry' : n.jewel === true ? 'jewel' : 'step' })), edges: graph.edges });
    const boxes = [...layout.boxes.values()];
    const long = layout.routes.filter((r) => r.shape === 'span' && r.points.length > 2);
    expect(long.length).toBeGreaterThan(0);
    for (const route of long) {
      if (route.shape !== 'span') continue;
      // The straight runs through crossed columns (points 1-2, 3-4 ...) stay clear of every box.
      for (let i = 1; i + 1 < route.points.length - 1; i += 2) {
        const y = route.points[i]?.y ?? 0;
        const x = route.points[i]?.x ?? 0;
        for (const box of boxes) if (box.x === x) expect(y < box.y || y > box.y + NODE_HEIGHT, `slot at ${x},${y} crosses ${box.id}`).toBe(true);
      }
    }
  });

  it('layers by distance from the entries and keeps unreached steps drawable', () => {
    const layers = assignLayers({
      nodes: [{ id: 'e', role: 'entry' }, { id: 'a', role: 'step' }, { id: 'b', role: 'step' }, { id: 'lonely', role: 'step' }, { id: 'j', role: 'jewel' }],
      edges: [{ from: 'e', to: 'a' }, { from: 'a', to: 'b' }, { from: 'b', to: 'j' }, { from: 'e', to: 'j' }, { from: 'j', to: 'a' }],
    });
    expect(Object.fromEntries(layers)).toEqual({ e: 0, a: 1, b: 2, lonely: 1, j: 3 });
  });

  it('is deterministic', () => {
    expect(attackGraphSvg(drawnGraph(generatedPathSet(50)))).toBe(attackGraphSvg(graph));
  });

  it('draws only the best-ranked paths that fit the node budget', () => {
    const big = generatedPathSet(200);
    const chosen = selectPaths(big.paths);
    const nodes = new Set(chosen.flatMap((p) => [p.entry, ...p.steps.map((s) => s.to)]));
    expect(nodes.size).toBeLessThanOrEqual(MAX_DRAWN_NODES);
    expect(chosen[0]).toBe(big.paths[0]);
    expect(chosen.length).toBeLessThan(big.paths.length);
  });
});

describe('label fitting', () => {
  const cellsOf = (text: string): number => Array.from(text).reduce((n, c) => n + cellWidth(c), 0);

  it('keeps the start and the end around an ellipsis, wide characters counted twice', () => {
    const room = Math.floor(184 / (12 * 0.62));
    expect(fitText('short', 184, 12)).toBe('short');
    expect(fitText('system:serviceaccount:payments-team:reconciliation', 184, 12)).toBe('system:se…reconciliation');
    expect(cellsOf(fitText('x'.repeat(100), 184, 12))).toBe(room);
    expect(cellsOf(fitText('決'.repeat(40), 184, 12))).toBeLessThanOrEqual(room);
    const huge = fitText(`${'a'.repeat(1_000_000)}-the-end`, 184, 12);
    expect(huge.endsWith('-the-end')).toBe(true);
    expect(cellsOf(huge)).toBeLessThanOrEqual(room);
  });
});

describe('DOT output', () => {
  it('ranks entries first and jewels last, marks the top path and the cut', () => {
    const dot = attackGraphDot(ATTACK_RESULT);
    expect(dot).toContain('{ rank=min; "internet"; "workload:kube-system/DaemonSet/node-agent"; }');
    expect(dot).toContain('{ rank=max; "cluster-admin"; "nodes"; "secrets:*"; }');
    expect(dot).toMatch(/"workload:kube-system\/DaemonSet\/node-agent" -> "nodes" \[[^\]]*style=dashed, xlabel="fix 1"/);
    expect(dot).toMatch(/"internet" -> "workload:shop\/Deployment\/web" \[[^\]]*penwidth=2\.6, color="#1a7f37", style=dashed, xlabel="fix 2"/);
    expect(dot).toMatch(/"workload:shop\/Deployment\/web" -> "sa:shop\/web" \[[^\]]*penwidth=2\.0\]/);
    expect(dot).toContain('fix 2: Add a NetworkPolicy denying ingress to Deployment shop/web.');
  });

  it('escapes quotes, backslashes and control characters', () => {
    expect(dotString('a"b\\c\nd')).toBe('"a\\"b\\\\c d"');
  });

  it.skipIf(!graphviz)('is valid DOT that Graphviz lays out, hostile names kept as text', () => {
    const hostile = generatedPathSet(50, { hostileLabel: HOSTILE });
    const svg = execFileSync(DOT, ['-Tsvg'], { input: attackGraphDot(hostile), encoding: 'utf8' });
    expect(svg.match(/class="node"/g)?.length).toBe(50);
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const plain = execFileSync(DOT, ['-Tplain'], { input: attackGraphDot(ATTACK_RESULT), encoding: 'utf8' });
    expect(plain.split('\n').filter((l) => l.startsWith('node ')).length).toBe(ATTACK_RESULT.nodes.length);
  });
});

describe('risk in the writers', () => {
  it('validates against the report schema', () => {
    expect(reportValidator()(JSON.parse(jsonWriter.write(ATTACK_REPORT, { color: false })))).toEqual([]);
    expect(reportValidator()(JSON.parse(jsonWriter.write(withAttackPaths(SAMPLE_REPORT, generatedPathSet(50)), { color: false })))).toEqual([]);
  });

  it('gives every SARIF result its risk as rank and properties', () => {
    const results = sarifLog(ATTACK_REPORT, '/work').runs[0]?.results ?? [];
    expect(results.every((r) => typeof r.rank === 'number')).toBe(true);
    const binding = results.find((r) => r.ruleId === 'cluster-admin-binding');
    expect(binding?.rank).toBe(100);
    expect(binding?.properties).toMatchObject({ riskLevel: 'critical', riskContext: 'on-path', attackPaths: 2, crownJewels: ['cluster-admin', 'secrets:*'] });
    expect(results.find((r) => r.ruleId === 'missing-resource-limits')?.properties).toMatchObject({ risk: 40, riskContext: 'reachable' });
  });

  it('matches the golden files', () => {
    expectGolden('attack-report.txt', tableWriter.write(ATTACK_REPORT, { color: false }));
    expectGolden('attack-report.json', jsonWriter.write(ATTACK_REPORT, { color: false }));
    expectGolden('attack-report.sarif', `${JSON.stringify(sarifLog(ATTACK_REPORT, '/work'), null, 2)}\n`);
    expectGolden('attack-report.html', htmlReport(ATTACK_REPORT));
    expectGolden('attack-graph.dot', attackGraphDot(ATTACK_RESULT));
  });

  it('says when the path gate failed the run', () => {
    expect(tableWriter.write(ATTACK_REPORT, { color: false })).toMatch(/FAILED at --fail-on high and --fail-on-path \(4 attack paths\)\n$/);
    const clean: Report = withAttackPaths({ ...SAMPLE_REPORT, findings: [], summary: { ...SAMPLE_REPORT.summary, failOn: 'none', failed: false } }, { ...ATTACK_RESULT, paths: [] });
    expect(tableWriter.write(clean, { color: false })).toMatch(/passed at --fail-on-path \(0 attack paths\)\n$/);
  });
});

describe('attack section of the HTML report', () => {
  const sha = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

  it('pins the page style, graph rules included, in the CSP', () => {
    const html = htmlReport(ATTACK_REPORT);
    const style = html.slice(html.indexOf('<style>') + 7, html.indexOf('</style>'));
    expect(style).toContain('.ag-node rect');
    expect(html).toContain(`style-src ${sha(style)}`);
    expect(htmlReport(SAMPLE_REPORT)).not.toContain('.ag-node');
  });

  it('numbers the chosen fixes as the picture does and lists the riskiest findings', () => {
    const html = htmlReport(ATTACK_REPORT);
    expect(html).toContain('<h2>Attack paths (4)</h2>');
    expect(html).toContain('<td>2</td><td>Add a NetworkPolicy denying ingress to Deployment shop/web.');
    expect(html.match(/<g class="ag-fix">/g)?.length).toBe(2);
    expect(html).toContain('<h3>Findings on attack paths (4)</h3>');
  });

  it('says so when no path exists', () => {
    const none: AttackPathsResult = { ...ATTACK_RESULT, paths: [], nodes: [], edges: [] };
    expect(htmlReport(withAttackPaths(SAMPLE_REPORT, none))).toContain('No path leads from the 2 entry points to the 3 crown jewels.');
  });

  it('escapes hostile labels in the picture', () => {
    const html = htmlReport(withAttackPaths(SAMPLE_REPORT, generatedPathSet(50, { hostileLabel: HOSTILE })));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
