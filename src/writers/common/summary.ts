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

/** Whether any gate is set: a severity, or the attack-path gate. */
export function hasGate(report: Report): boolean {
  return report.summary.failOn !== 'none' || report.summary.failOnPath === true;
}

/**
 * "FAILED at --fail-on high", "passed at --fail-on high" or "no gate (--fail-on none)"; with the
 * attack-path gate, "FAILED at --fail-on high and --fail-on-path (3 attack paths)".
 */
export function verdict(report: Report): string {
  const { failOn, failed, failOnPath, attackPaths } = report.summary;
  if (!hasGate(report)) return 'no gate (--fail-on none)';
  const gates = [...(failOn === 'none' ? [] : [`--fail-on ${failOn}`]), ...(failOnPath === true ? ['--fail-on-path'] : [])].join(' and ');
  const paths = failOnPath === true ? ` (${plural(attackPaths ?? 0, 'attack path')})` : '';
  return `${failed ? 'FAILED' : 'passed'} at ${gates}${paths}`;
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
