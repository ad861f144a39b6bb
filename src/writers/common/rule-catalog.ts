/**
 * What the Report knows about each rule: the rule summaries carry the metadata; rules that only
 * appear in findings (produced outside the rule engine) are added from their first finding, so
 * nothing a finding refers to is ever missing from the catalog.
 */
import type { Report } from '../../model/report.js';
import type { Severity } from '../../model/severity.js';
import type { ThreatId } from '../../model/threats.js';
import { compareText } from '../../lib/compare.js';

export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly threats: readonly ThreatId[];
  readonly mitre: readonly string[];
  readonly remediation: string | undefined;
}

/** Sorted by id. */
export function ruleCatalog(report: Report): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const rule of report.rules) {
    byId.set(rule.ruleId, { id: rule.ruleId, title: rule.title, severity: rule.severity, threats: rule.threats, mitre: rule.mitre, remediation: rule.remediation });
  }
  for (const finding of report.findings) {
    if (byId.has(finding.ruleId)) continue;
    byId.set(finding.ruleId, {
      id: finding.ruleId, title: finding.title, severity: finding.severity, threats: finding.threats, mitre: finding.mitre, remediation: finding.remediation,
    });
  }
  return [...byId.values()].sort((a, b) => compareText(a.id, b.id));
}
