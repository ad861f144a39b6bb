/**
 * What the Report knows about each rule. RuleSummary carries id, title, severity and threats;
 * MITRE ids and the remediation travel on findings, so they are taken from the rule's first
 * finding when it has one. Rules that only appear in findings are added, so nothing a finding
 * refers to is ever missing from the catalog.
 */
import type { Report } from '../../model/report.js';
import type { Severity } from '../../model/severity.js';
import type { ThreatId } from '../../model/threats.js';
import { compareText } from './resource-groups.js';

export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly threats: readonly ThreatId[];
  readonly mitre: readonly string[];
  /** Undefined when no finding of the rule carried one (the rule passed everywhere). */
  readonly remediation: string | undefined;
}

/** Sorted by id. */
export function ruleCatalog(report: Report): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const rule of report.rules) {
    byId.set(rule.ruleId, { id: rule.ruleId, title: rule.title, severity: rule.severity, threats: rule.threats, mitre: [], remediation: undefined });
  }
  for (const finding of report.findings) {
    const known = byId.get(finding.ruleId);
    if (known === undefined) {
      byId.set(finding.ruleId, {
        id: finding.ruleId, title: finding.title, severity: finding.severity, threats: finding.threats, mitre: finding.mitre, remediation: finding.remediation,
      });
    } else if (known.remediation === undefined) {
      byId.set(finding.ruleId, { ...known, mitre: finding.mitre, remediation: finding.remediation });
    }
  }
  return [...byId.values()].sort((a, b) => compareText(a.id, b.id));
}
