/** The one-line verdict every human-facing writer ends or starts with. */
import type { Report } from '../../model/report.js';
import { SEVERITIES } from '../../model/severity.js';

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "2 critical, 5 high": only the severities that occur, most severe first. */
export function severityBreakdown(report: Report): string {
  return SEVERITIES.filter((s) => report.summary.bySeverity[s] > 0)
    .map((s) => `${report.summary.bySeverity[s]} ${s}`)
    .join(', ');
}

export function warningCount(report: Report): number {
  return report.errors.filter((p) => p.level === 'warning').length;
}

/** "FAILED at --fail-on high", "passed at --fail-on high" or "no gate (--fail-on none)". */
export function verdict(report: Report): string {
  const { failOn, failed } = report.summary;
  if (failOn === 'none') return 'no gate (--fail-on none)';
  return `${failed ? 'FAILED' : 'passed'} at --fail-on ${failOn}`;
}

/** Everything before the verdict: "22 resources, 14 findings (2 critical, 5 high), 3 suppressed, 1 error". */
export function summaryCounts(report: Report): string {
  const { summary } = report;
  const breakdown = severityBreakdown(report);
  const parts = [
    plural(summary.resources, 'resource'),
    plural(summary.findings, 'finding') + (breakdown === '' ? '' : ` (${breakdown})`),
    `${summary.suppressed} suppressed`,
    plural(summary.errors, 'error'),
  ];
  const warnings = warningCount(report);
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  return parts.join(', ');
}

export function summaryLine(report: Report): string {
  return `${summaryCounts(report)} — ${verdict(report)}`;
}
