import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { escapeHtml, jsonForScript } from '../../src/writers/html/escape.js';
import { htmlReport, htmlWriter } from '../../src/writers/html/html.js';
import { expectGolden } from './golden.js';
import { HOSTILE_MESSAGE, HOSTILE_NAME, HOSTILE_NAMESPACE, HOSTILE_REPORT } from './hostile-report.js';
import { ATTACK_REPORT } from './attack-sample.js';
import { HOSTILE_REASON, riskyHostileReport } from './risk-sample.js';
import { SAMPLE_REPORT } from './sample-report.js';

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  expect(from, start).toBeGreaterThan(-1);
  return text.slice(from + start.length, text.indexOf(end, from + start.length));
}

interface EmbeddedRisk {
  score: number;
  level: string;
  arrow: string;
  why: number;
}

function embedded(html: string): { findings: { resource: string; namespaceKey: string; message: string; risk?: EmbeddedRisk }[]; why?: string[] } {
  return JSON.parse(between(html, '<script type="application/json" id="palisade-data">', '</script>')) as ReturnType<typeof embedded>;
}

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('html writer', () => {
  it('matches the golden file', () => {
    expectGolden('report.html', htmlWriter.write(SAMPLE_REPORT, { color: false }));
  });

  it('is one self-contained file: no external resource, CSP pinned to its own style and script', () => {
    const html = htmlReport(SAMPLE_REPORT);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html.match(/https?:\/\/[^"]*/g)).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg']);
    const csp = between(html, '<meta http-equiv="Content-Security-Policy" content="', '">');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${hash(between(html, '<style>', '</style>'))}`);
    expect(csp).toContain(`script-src ${hash(between(html, '<script>', '</script>'))}`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('shows the verdict, counts, charts, filters, problems, exceptions and compliance', () => {
    const html = htmlReport(SAMPLE_REPORT);
    expect(html).toContain('<div class="verdict failed">FAILED at --fail-on high</div>');
    expect(html).toContain('<div class="card"><span class="n">1</span><span class="k">critical</span></div>');
    for (const title of ['Findings by severity', 'Findings by threat', 'Findings by namespace']) expect(html).toContain(`<figcaption>${title}</figcaption>`);
    for (const id of ['filter-text', 'filter-severity', 'filter-threat', 'filter-namespace', 'filter-suppressed', 'findings-body']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('<option value="ns:kube-system">kube-system</option>');
    expect(html).toContain('<option value="none">(none)</option>');
    expect(html).toContain('<option value="host-compromise">Host compromise</option>');
    expect(html).toContain('<h2>Errors and warnings (3)</h2>');
    expect(html).toContain('<td>yaml-syntax</td><td class="where">deploy/broken.yaml:7:3</td>');
    expect(html).toContain('<h2>Exceptions (2)</h2>');
    expect(html).toContain('<h2>Compliance: CIS Kubernetes Benchmark 1.9.0</h2>');
    const withoutCompliance: Report = { ...SAMPLE_REPORT };
    delete (withoutCompliance as { compliance?: unknown }).compliance;
    expect(htmlReport(withoutCompliance)).not.toContain('id="compliance"');
  });

  it('embeds every finding as JSON for the script', () => {
    const data = embedded(htmlReport(SAMPLE_REPORT));
    expect(data.findings).toHaveLength(SAMPLE_REPORT.findings.length);
    expect(data.findings[0]).toMatchObject({ resource: 'Deployment/shop/web', namespaceKey: 'ns:shop', severity: 'critical', where: 'deploy/web.yaml:24:13 /spec/template/spec/containers/0/securityContext/privileged' });
    expect(data.findings.find((f) => f.resource === 'ClusterRoleBinding/ops-admin')?.namespaceKey).toBe('none');
  });

  it('escapes a hostile resource name, namespace and message everywhere', () => {
    const html = htmlReport(HOSTILE_REPORT);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('alert(3)</script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain(`<option value="ns:&quot;&gt;&lt;svg onload=alert(2)&gt;">&quot;&gt;&lt;svg onload=alert(2)&gt;</option>`);
    expect(html).toContain('&lt;script&gt;alert(4)&lt;/script&gt;');
    // Exactly the page's own two script elements, whatever the report holds.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script/g)).toHaveLength(2);
    const block = between(html, '<script type="application/json" id="palisade-data">', '</script>');
    expect(block).not.toMatch(/[<>&]/);
    const hostile = embedded(html).findings[0];
    expect(hostile?.resource).toBe(`Deployment/${HOSTILE_NAMESPACE}/${HOSTILE_NAME}`);
    expect(hostile?.message).toBe(HOSTILE_MESSAGE);
  });

  it('escapes text and script data', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    const json = jsonForScript({ s: '</script><!-- & \u2028' });
    expect(json).toBe('{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}');
    expect(JSON.parse(json)).toEqual({ s: '</script><!-- & \u2028' });
  });

  it('sums namespaces beyond the eighth into one bar', () => {
    const first = SAMPLE_REPORT.findings[0] as Finding;
    const findings = Array.from({ length: 12 }, (_, i) => ({ ...first, id: `f${i}`, resource: { ...first.resource, namespace: `team-${String(i).padStart(2, '0')}` } }));
    const html = htmlReport({ ...SAMPLE_REPORT, findings });
    const chart = between(html, '<figcaption>Findings by namespace</figcaption>', '</figure>');
    expect(chart.match(/<rect /g)).toHaveLength(9);
    expect(chart).toContain('4 other namespaces');
  });
});

describe('risk in the html writer', () => {
  it('adds the column, its sort button, its filter and its style only when a finding has a risk', () => {
    const html = htmlReport(ATTACK_REPORT);
    expect(html).toContain('<th>Severity</th><th class="risk" aria-sort="none"><button type="button" id="sort-risk"');
    expect(html).toContain('<select id="filter-risk" aria-label="Risk level"><option value="">All risk levels</option><option value="critical">risk critical</option>');
    expect(between(html, '<style>', '</style>')).toContain('th.risk[aria-sort=descending]');
    // The page's script knows the column by name, so look at everything before it.
    const plain = htmlReport(SAMPLE_REPORT);
    const markup = plain.slice(0, plain.indexOf('<script>'));
    for (const mark of ['sort-risk', 'filter-risk', 'th.risk', '"risk":', '>Risk<']) expect(markup).not.toContain(mark);
  });

  it('embeds each risk as score, level, arrow and the reason behind it, each reason once', () => {
    const data = embedded(htmlReport(ATTACK_REPORT));
    const why = (i: number | undefined): string | undefined => (i === undefined ? undefined : data.why?.[i]);
    expect(data.findings).toHaveLength(ATTACK_REPORT.findings.length);
    const binding = ATTACK_REPORT.findings.findIndex((f) => f.ruleId === 'cluster-admin-binding');
    expect(data.findings[binding]?.risk).toMatchObject({ score: 100, level: 'critical', arrow: '↑' });
    expect(why(data.findings[binding]?.risk?.why)).toBe(`on an attack path: ${ATTACK_REPORT.findings[binding]?.risk?.reason ?? ''}`);
    const limits = ATTACK_REPORT.findings.findIndex((f) => f.risk?.context === 'not-modelled');
    expect(data.findings[limits]?.risk).toMatchObject({ score: 40, level: 'medium', arrow: '' });
    // 12 findings, 6 distinct reasons in their contexts: each sentence is embedded once.
    const distinct = new Set(ATTACK_REPORT.findings.map((f) => `${f.risk?.context ?? ''} ${f.risk?.reason ?? ''}`));
    expect(data.why).toHaveLength(distinct.size);
    expect(new Set(data.why).size).toBe(distinct.size);
    const hostile = embedded(htmlReport(riskyHostileReport()));
    expect(hostile.findings[0]?.risk).toMatchObject({ score: 30, level: 'low', arrow: '↓' });
    expect(hostile.why?.[hostile.findings[0]?.risk?.why ?? -1]).toBe(`unreachable: ${HOSTILE_REASON}`);
    expect(embedded(htmlReport(SAMPLE_REPORT)).why).toBeUndefined();
  });

  it('keeps a hostile reason out of the markup', () => {
    const html = htmlReport(riskyHostileReport());
    expect(html).not.toContain('<img');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(between(html, '<script type="application/json" id="palisade-data">', '</script>')).not.toMatch(/[<>&]/);
  });
});
