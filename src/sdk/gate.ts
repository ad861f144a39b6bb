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
