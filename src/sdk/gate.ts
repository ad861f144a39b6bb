import type { Finding } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import { SEVERITIES, severityRank } from '../model/severity.js';
import { compareText } from '../lib/compare.js';
import type { FailOn } from '../config/index.js';

/** Whether any unsuppressed failing finding is at or above the gate severity. */
export function gateFails(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const limit = severityRank(failOn);
  return findings.some((f) => !f.suppressed && f.status === 'fail' && severityRank(f.severity) <= limit);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) if (!f.suppressed) counts[f.severity]++;
  return counts;
}

/** Most severe first, then by file, line, column, rule and message: stable across runs. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

interface SortKey {
  readonly finding: Finding;
  readonly severity: number;
  readonly file: number;
}

/**
 * A sorted copy in compareFindings order. Scans sort hundreds of thousands of findings: ranking
 * each finding's severity and file once, then comparing numbers, costs a fraction of comparing
 * the strings again in every one of the n log n comparisons.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const files = [...new Set(findings.map((f) => f.location.file))].sort(compareText);
  const fileRank = new Map(files.map((file, rank) => [file, rank]));
  const keys: SortKey[] = findings.map((finding) => ({ finding, severity: severityRank(finding.severity), file: fileRank.get(finding.location.file) ?? 0 }));
  keys.sort((a, b) => a.severity - b.severity || a.file - b.file || a.finding.location.line - b.finding.location.line || a.finding.location.column - b.finding.location.column || compareText(a.finding.ruleId, b.finding.ruleId) || compareText(a.finding.message, b.finding.message));
  return keys.map((key) => key.finding);
}
