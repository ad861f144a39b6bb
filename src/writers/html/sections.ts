/** The server-rendered parts of the page; every report string goes through escapeHtml. */
import type { Finding } from '../../model/finding.js';
import type { Problem } from '../../model/problem.js';
import type { Compliance, ExceptionStatus, Report } from '../../model/report.js';
import { SEVERITIES } from '../../model/severity.js';
import { threatTitle, type ThreatId } from '../../model/threats.js';
import { compareText } from '../../lib/compare.js';
import { complianceScoreBasis } from '../common/compliance-score.js';
import { hasGate, summaryCounts, verdict } from '../common/summary.js';
import { barChart, type Bar } from './charts.js';
import { escapeHtml as h } from './escape.js';
import { RISK_HEADER, riskFilter } from './risk-column.js';
import { hasRisk } from '../common/risk.js';
import { namespaceKey } from './view-model.js';

/** Namespaces beyond this many are summed into one "other" bar. */
const MAX_NAMESPACE_BARS = 8;

export function header(report: Report): string {
  const state = !hasGate(report) ? 'nogate' : report.summary.failed ? 'failed' : 'passed';
  const card = (n: number, label: string): string => `<div class="card"><span class="n">${n}</span><span class="k">${h(label)}</span></div>`;
  const { summary } = report;
  return [
    '<header>',
    '<h1>Palisade security report</h1>',
    `<p class="meta">${h(report.tool.name)} ${h(report.tool.version)} · generated ${h(report.generatedAt)} · inputs: ${report.inputs.map(h).join(', ')}</p>`,
    `<div class="verdict ${state}">${h(verdict(report))}</div>`,
    `<p>${h(summaryCounts(report))}</p>`,
    '<div class="cards">',
    card(summary.resources, 'resources'),
    card(summary.findings, 'findings'),
    ...SEVERITIES.map((s) => card(summary.bySeverity[s], s)),
    card(summary.suppressed, 'suppressed'),
    card(summary.errors, 'errors'),
    '</div>',
    '</header>',
  ].join('\n');
}

function countBy(findings: readonly Finding[], keys: (f: Finding) => readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) for (const key of keys(f)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Largest first, ties by name, so the charts are stable. */
function ranked(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
}

function namespaceBars(active: readonly Finding[]): Bar[] {
  const entries = ranked(countBy(active, (f) => [f.resource.namespace === undefined ? '' : `ns:${f.resource.namespace}`]));
  const bars: Bar[] = entries.slice(0, MAX_NAMESPACE_BARS).map(([key, value]) => ({
    label: key === '' ? '(cluster-scoped or unset)' : key.slice(3),
    value,
    className: 'neutral',
  }));
  const rest = entries.slice(MAX_NAMESPACE_BARS).reduce((n, [, value]) => n + value, 0);
  if (rest > 0) bars.push({ label: `${entries.length - MAX_NAMESPACE_BARS} other namespaces`, value: rest, className: 'neutral' });
  return bars;
}

export function charts(report: Report): string {
  const active = report.findings.filter((f) => !f.suppressed);
  const severityBars = SEVERITIES.map((s) => ({ label: s, value: report.summary.bySeverity[s], className: `sev-${s}` }));
  const threatBars = ranked(countBy(active, (f) => f.threats)).map(([id, value]) => ({ label: threatTitle(id as ThreatId), value, className: 'neutral' }));
  return [
    '<section id="charts"><h2>Overview</h2><div class="charts">',
    barChart('Findings by severity', severityBars),
    barChart('Findings by threat', threatBars),
    barChart('Findings by namespace', namespaceBars(active)),
    '</div></section>',
  ].join('\n');
}

function option(value: string, label: string): string {
  return `<option value="${h(value)}">${h(label)}</option>`;
}

export function findingsSection(report: Report): string {
  const threats = [...new Set(report.findings.flatMap((f) => f.threats))].sort(compareText);
  const namespaces = [...new Set(report.findings.map((f) => f.resource.namespace))].sort((a, b) => compareText(a ?? '', b ?? ''));
  const risk = hasRisk(report.findings);
  return [
    '<section id="findings"><h2>Findings</h2>',
    '<div class="filters">',
    '<input type="search" id="filter-text" placeholder="Filter by rule, resource, message, file" aria-label="Text filter">',
    `<select id="filter-severity" aria-label="Severity">${option('', 'All severities')}${SEVERITIES.map((s) => option(s, s)).join('')}</select>`,
    `<select id="filter-threat" aria-label="Threat">${option('', 'All threats')}${threats.map((t) => option(t, threatTitle(t))).join('')}</select>`,
    `<select id="filter-namespace" aria-label="Namespace">${option('', 'All namespaces')}${namespaces.map((n) => option(namespaceKey(n), n ?? '(none)')).join('')}</select>`,
    ...(risk ? [riskFilter()] : []),
    '<label><input type="checkbox" id="filter-suppressed"> show suppressed</label>',
    '<span id="findings-count" class="muted"></span>',
    '</div>',
    `<table id="findings-table" class="hide-suppression"><thead><tr><th>Severity</th>${risk ? RISK_HEADER : ''}<th>Rule</th><th>Resource</th><th>Message</th><th>Location</th><th class="suppression">Suppressed because</th></tr></thead>`,
    '<tbody id="findings-body"></tbody></table>',
    '<noscript><p>Enable JavaScript to see the findings table; the same data is in the JSON report.</p></noscript>',
    '</section>',
  ].join('\n');
}

function problemRow(p: Problem): string {
  const place = p.file === undefined ? '' : `${p.file}${p.line === undefined ? '' : `:${p.line}${p.column === undefined ? '' : `:${p.column}`}`}`;
  return `<tr><td class="level-${h(p.level)}">${h(p.level)}</td><td>${h(p.code)}</td><td class="where">${h(place)}</td><td>${h(p.message)}</td><td class="muted">${h(p.hint ?? '')}</td></tr>`;
}

function problemTable(problems: readonly Problem[]): string {
  return `<table><thead><tr><th>Level</th><th>Code</th><th>Location</th><th>Message</th><th>Hint</th></tr></thead><tbody>${problems.map(problemRow).join('')}</tbody></table>`;
}

export function problemsSection(report: Report): string {
  if (report.errors.length === 0 && report.notes.length === 0) return '';
  const notes = report.notes.length === 0 ? '' : `<details><summary>Notes (${report.notes.length})</summary>${problemTable(report.notes)}</details>`;
  const errors = report.errors.length === 0 ? '<p class="muted">No errors or warnings.</p>' : problemTable(report.errors);
  return `<section id="errors"><h2>Errors and warnings (${report.errors.length})</h2>\n${errors}\n${notes}</section>`;
}

function exceptionRow(e: ExceptionStatus): string {
  return `<tr><td>#${e.index}</td><td>${h(e.rule)}</td><td>${h(e.state)}</td><td>${e.matched}</td><td>${h(e.owner ?? '')}</td><td>${h(e.expires ?? '')}</td><td>${h(e.reason)}</td></tr>`;
}

export function exceptionsSection(exceptions: readonly ExceptionStatus[]): string {
  if (exceptions.length === 0) return '';
  return [
    `<section id="exceptions"><h2>Exceptions (${exceptions.length})</h2>`,
    '<table><thead><tr><th>#</th><th>Rule</th><th>State</th><th>Matched</th><th>Owner</th><th>Expires</th><th>Reason</th></tr></thead>',
    `<tbody>${exceptions.map(exceptionRow).join('')}</tbody></table></section>`,
  ].join('\n');
}

export function complianceSection(compliance: Compliance | undefined): string {
  if (compliance === undefined) return '';
  const rows = compliance.controls.map((c) => {
    const findings = c.status === 'manual' ? '-' : String(c.findings);
    const reason = c.reason === undefined ? '' : ` <span class="muted">(${h(c.reason)})</span>`;
    return `<tr><td>${h(c.id)}</td><td class="status-${h(c.status)}">${h(c.status)}</td><td>${findings}</td><td>${h(c.title)}${reason}</td><td class="muted">${h(c.rules.join(', '))}</td></tr>`;
  });
  return [
    `<section id="compliance"><h2>Compliance: ${h(compliance.title)} ${h(compliance.version)}</h2>`,
    `<p>Score: <strong>${compliance.score}%</strong>: ${h(complianceScoreBasis(compliance))} (${h(compliance.framework)}).</p>`,
    '<table><thead><tr><th>Control</th><th>Status</th><th>Findings</th><th>Title</th><th>Rules</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></section>`,
  ].join('\n');
}
