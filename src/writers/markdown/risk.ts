/**
 * The risk parts of the Markdown comment, used only when the attack analysis weighed the
 * findings: a Risk cell per finding, the reason where the attack graph changed the score, counts
 * by risk level next to the counts by severity, and the riskiest resources and findings first.
 */
import type { Finding } from '../../model/finding.js';
import type { Report } from '../../model/report.js';
import { SEVERITIES, type Severity } from '../../model/severity.js';
import type { ResourceGroup } from '../common/resource-groups.js';
import { escapeMarkdown as md } from './escape.js';
import { RISK_ARROWS } from '../common/risk.js';

/** "100 critical ↑", or "-" for a finding the analysis did not weigh. */
export function riskCell(finding: Finding): string {
  const { risk } = finding;
  return risk === undefined ? '-' : `${risk.score} ${risk.level}${RISK_ARROWS[risk.context] === '' ? '' : ` ${RISK_ARROWS[risk.context]}`}`;
}

/**
 * The reason, in italics after the message, only where the graph moved the score: elsewhere it
 * would only repeat "risk is its severity" on every row.
 */
export function riskNote(finding: Finding): string {
  const { risk } = finding;
  if (risk === undefined || RISK_ARROWS[risk.context] === '') return '';
  return ` _(${md(risk.reason)})_`;
}

/** Whether a finding belongs in the folded low/info part: only if both its severity and its risk are minor. */
export function isMinor(finding: Finding, minor: ReadonlySet<Severity>): boolean {
  return minor.has(finding.severity) && (finding.risk === undefined || minor.has(finding.risk.level));
}

/** Unweighed findings sort after every weighed one. */
function score(finding: Finding): number {
  return finding.risk?.score ?? -1;
}

/**
 * Resources with the riskiest finding first, and each resource's findings riskiest first. The
 * sorts are stable, so equal risks keep the severity order the groups arrived in.
 */
export function riskiestFirst(groups: readonly ResourceGroup[]): ResourceGroup[] {
  const sorted = groups.map((group) => ({ ...group, findings: [...group.findings].sort((a, b) => score(b) - score(a)) }));
  const top = new Map(sorted.map((g) => [g, g.findings.reduce((max, f) => Math.max(max, score(f)), -1)]));
  return sorted.sort((a, b) => (top.get(b) ?? -1) - (top.get(a) ?? -1));
}

/** The counts table with a column by risk level (of the active findings) beside the one by severity. */
export function severityAndRiskTable(report: Report): string[] {
  const byRisk = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const f of report.findings) if (!f.suppressed && f.risk !== undefined) byRisk.set(f.risk.level, (byRisk.get(f.risk.level) ?? 0) + 1);
  const rows = SEVERITIES.map((s) => `| ${s} | ${report.summary.bySeverity[s]} | ${byRisk.get(s) ?? 0} |`);
  return ['| Level | Findings by severity | Findings by risk |', '| --- | ---: | ---: |', ...rows, `| suppressed | ${report.summary.suppressed} | |`, ''];
}
