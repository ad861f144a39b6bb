/**
 * Markdown for pull-request comments: the verdict, a table of counts by severity, findings grouped
 * by resource with links to file:line, and the long tail (low/info, suppressed) folded away in
 * <details> so the comment stays short. When the attack analysis gave the findings a risk, the
 * tables gain a Risk column and the riskiest resources come first (see ./risk.ts); without one
 * the comment is exactly as it always was.
 */
import { defineWriter } from '../../core/writer.js';
import { formatProblem } from '../../core/errors.js';
import type { Finding } from '../../model/finding.js';
import type { Compliance, Report } from '../../model/report.js';
import { resourceKey } from '../../model/resource.js';
import { SEVERITIES, type Severity } from '../../model/severity.js';
import { isFileBacked } from '../common/artifact-path.js';
import { complianceScoreBasis } from '../common/compliance-score.js';
import { groupByResource, type ResourceGroup } from '../common/resource-groups.js';
import { describeSuppression } from '../common/suppression.js';
import { summaryCounts, verdict } from '../common/summary.js';
import { escapeMarkdown as md } from './escape.js';
import { ciLinkBase, fileHref, type LinkBase } from './links.js';
import { isMinor, riskCell, riskiestFirst, riskNote, severityAndRiskTable } from './risk.js';
import { hasRisk } from '../common/risk.js';

const MINOR: ReadonlySet<Severity> = new Set(['low', 'info']);

/** "[file:line](file#Lline)" for a file in the working tree (./links.ts); plain text otherwise. */
function fileLink(file: string, line: number, links: LinkBase): string {
  const label = md(line >= 1 && isFileBacked(file) ? `${file}:${line}` : file);
  const href = isFileBacked(file) ? fileHref(file, line, links) : undefined;
  return href === undefined ? label : `[${label}](${href})`;
}

function severityTable(report: Report): string[] {
  const rows = SEVERITIES.map((s) => `| ${s} | ${report.summary.bySeverity[s]} |`);
  return ['| Severity | Findings |', '| --- | ---: |', ...rows, `| suppressed | ${report.summary.suppressed} |`, ''];
}

function findingRow(finding: Finding, links: LinkBase, withRisk: boolean): string {
  const { file, line, path } = finding.location;
  const warnOnly = finding.status === 'warn' ? ' _(warning only)_' : '';
  const where = `${fileLink(file, line, links)} ${md(path === '' ? '/' : path)}`;
  const risk = withRisk ? ` ${riskCell(finding)} |` : '';
  const note = withRisk ? riskNote(finding) : '';
  return `| ${finding.severity} |${risk} ${md(finding.ruleId)} | ${md(finding.message)}${warnOnly}${note} | ${where} |`;
}

function groupSection(group: ResourceGroup, links: LinkBase, withRisk: boolean): string[] {
  return [
    `#### ${md(group.key)} (${fileLink(group.file, group.line, links)})`,
    '',
    withRisk ? '| Severity | Risk | Rule | Message | Location |' : '| Severity | Rule | Message | Location |',
    withRisk ? '| --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- |',
    ...group.findings.map((f) => findingRow(f, links, withRisk)),
    '',
  ];
}

function details(summary: string, body: readonly string[]): string[] {
  if (body.length === 0) return [];
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '</details>', ''];
}

function suppressedSection(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const rows = findings.map((f) => `| ${md(f.ruleId)} | ${md(resourceKey(f.resource))} | ${md(describeSuppression(f.suppression))} |`);
  return details(`Suppressed findings (${findings.length})`, ['| Rule | Resource | Why |', '| --- | --- | --- |', ...rows, '']);
}

function problemsSection(report: Report): string[] {
  if (report.errors.length === 0) return [];
  return [`### Errors and warnings (${report.errors.length})`, '', ...report.errors.map((p) => `- ${md(formatProblem(p))}`), ''];
}

function complianceSection(compliance: Compliance | undefined): string[] {
  if (compliance === undefined) return [];
  const rows = compliance.controls.map((c) => {
    const findings = c.status === 'manual' ? '-' : String(c.findings);
    const reason = c.reason === undefined ? '' : ` _(${md(c.reason)})_`;
    return `| ${md(c.id)} | ${c.status} | ${findings} | ${md(c.title)}${reason} |`;
  });
  return [
    `### Compliance: ${md(compliance.title)} ${md(compliance.version)}, score ${compliance.score}% (${complianceScoreBasis(compliance)})`,
    '',
    '| Control | Status | Findings | Title |',
    '| --- | --- | ---: | --- |',
    ...rows,
    '',
  ];
}

/**
 * The comment for a report. File links are relative to `where` when it is a directory (the
 * working directory), or point into the scanned commit when it says where that is (./links.ts).
 */
export function markdownReport(report: Report, where: string | LinkBase): string {
  const links = typeof where === 'string' ? { cwd: where, root: where } : where;
  const active = report.findings.filter((f) => !f.suppressed);
  const withRisk = hasRisk(report.findings);
  // A low finding an attack path raised to critical is not folded away; nor is a high one the
  // graph lowered, since the severity gate still counts it.
  const ordered = (findings: readonly Finding[]): ResourceGroup[] => (withRisk ? riskiestFirst(groupByResource(findings)) : groupByResource(findings));
  const major = ordered(active.filter((f) => !isMinor(f, MINOR)));
  const minor = ordered(active.filter((f) => isMinor(f, MINOR)));
  const minorCount = minor.reduce((n, g) => n + g.findings.length, 0);
  const lines = [
    `## Palisade: ${md(verdict(report))}`,
    '',
    summaryCounts(report),
    '',
    ...(withRisk ? severityAndRiskTable(report) : severityTable(report)),
    ...(active.length === 0 ? ['No findings.', ''] : []),
    ...(major.length > 0 ? ['### Findings', '', ...major.flatMap((g) => groupSection(g, links, withRisk))] : []),
    ...details(`Low and info findings (${minorCount})`, minor.flatMap((g) => groupSection(g, links, withRisk))),
    ...suppressedSection(report.findings.filter((f) => f.suppressed)),
    ...problemsSection(report),
    ...complianceSection(report.compliance),
  ];
  return `${capped(lines).join('\n').trimEnd()}\n`;
}

/** GitHub refuses comments over 65,536 characters; stay well below and say what was cut. */
export const MAX_COMMENT_CHARS = 60_000;

/**
 * A cut can land just after a heading, a table's header row or its separator: those alone render
 * as a stray heading or as literal pipes. Back up to the last line that ends something whole.
 */
function dropUnfinishedTable(kept: string[]): void {
  const row = (line: string | undefined): boolean => line?.startsWith('|') === true;
  for (;;) {
    const last = kept.at(-1);
    if (last === undefined) return;
    const previous = kept.at(-2);
    const tableWithoutRows = row(last) && (!row(previous) || /^\|[ -:|]+\|$/.test(last));
    if (last === '' || last.startsWith('#') || tableWithoutRows) kept.pop();
    else return;
  }
}

/**
 * Keeps whole lines up to the cap, closes any <details> left open, and says how much was cut and
 * where the whole report is. Reports that fit are returned unchanged.
 */
function capped(lines: readonly string[]): readonly string[] {
  const total = lines.reduce((n, line) => n + line.length + 1, 0);
  if (total <= MAX_COMMENT_CHARS) return lines;
  const budget = MAX_COMMENT_CHARS - 400;
  const kept: string[] = [];
  let used = 0;
  let open = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) break;
    kept.push(line);
    used += line.length + 1;
    if (line.startsWith('<details>')) open++;
    if (line.startsWith('</details>')) open--;
  }
  dropUnfinishedTable(kept);
  const omitted = lines.length - kept.length;
  for (; open > 0; open--) kept.push('', '</details>');
  kept.push('', `_${omitted} more lines were cut to fit a pull-request comment; run \`palisade scan --format html\` or \`--format json\` for the whole report._`);
  return kept;
}

export const markdownWriter = defineWriter({
  format: 'markdown',
  description: 'Markdown for pull-request comments: counts by severity and findings by resource.',
  extension: 'md',
  write(report) {
    return markdownReport(report, ciLinkBase(process.env, process.cwd()));
  },
});
