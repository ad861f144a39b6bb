/** tool.driver.rules: one reportingDescriptor per rule of the report, in id order. */
import type { Severity } from '../../model/severity.js';
import { threatTitle } from '../../model/threats.js';
import { ruleDocUrl } from '../common/project.js';
import type { RuleInfo } from '../common/rule-catalog.js';
import type { SarifLevel, SarifReportingDescriptor } from './sarif-types.js';

/**
 * GitHub code scanning ranks security alerts by this CVSS-like score (as a string) and maps
 * >= 9.0 to critical, >= 7.0 high, >= 4.0 medium, else low; each value sits inside its band.
 */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** "privileged-container" -> "PrivilegedContainer": SARIF's readable rule name. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function fullDescription(rule: RuleInfo): string {
  const threats = rule.threats.map(threatTitle).join(', ');
  const mitre = rule.mitre.length > 0 ? ` MITRE ATT&CK: ${rule.mitre.join(', ')}.` : '';
  return `${rule.title}.${threats === '' ? '' : ` Mitigates: ${threats}.`}${mitre}`;
}

export function reportingDescriptor(rule: RuleInfo): SarifReportingDescriptor {
  const helpUri = ruleDocUrl(rule.id);
  const remediation = rule.remediation ?? `See ${helpUri}`;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: fullDescription(rule) },
    help: { text: remediation, markdown: `**Remediation:** ${remediation}\n\n[Rule documentation](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      // "security" makes GitHub treat the rule as a security query and honour security-severity.
      tags: ['security', ...rule.threats, ...rule.mitre],
      // Rules check declared fields against the Kubernetes API: a finding is what the object says.
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}
