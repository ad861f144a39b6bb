/**
 * SARIF for image findings. A vulnerability's rule is the vulnerability itself (CVE / GHSA id)
 * with the fixed versions as help; its `security-severity` is the CVSS base score, which GitHub
 * code scanning reads to rank alerts. Files inside an image are not files of the repository, so
 * they are located relative to an IMAGEROOT base, never as file: URIs of the scanning machine.
 */
import { IMAGE_API_VERSION, type Finding } from '../../model/finding.js';
import type { Report } from '../../model/report.js';
import { pathToUri } from '../common/artifact-path.js';
import type { RuleInfo } from '../common/rule-catalog.js';
import { SECURITY_SEVERITY, sarifLevel } from './rules.js';
import type { SarifPhysicalLocation, SarifReportingDescriptor } from './sarif-types.js';
import { groupBy } from '../../lib/group-by.js';
import { escapeMarkdown } from '../markdown/escape.js';

export const IMAGE_ROOT = 'IMAGEROOT';

export function isImageResult(finding: Finding): boolean {
  return finding.resource.apiVersion === IMAGE_API_VERSION;
}

/** The highest CVSS base score the advisories give; the severity band's value when none does. */
export function securitySeverityOf(finding: Finding): string {
  const scores = finding.vulnerability?.cvss.map((c) => c.baseScore) ?? [];
  if (scores.length === 0) return SECURITY_SEVERITY[finding.severity];
  return Math.max(...scores).toFixed(1);
}

export function imagePhysicalLocation(finding: Finding): SarifPhysicalLocation | undefined {
  const path = finding.location.file.replace(/^\/+/, '');
  if (path === '') return undefined;
  const artifactLocation = { uri: pathToUri(path), uriBaseId: IMAGE_ROOT };
  const { line, column } = finding.location;
  if (line < 1) return { artifactLocation };
  return { artifactLocation, region: column < 1 ? { startLine: line } : { startLine: line, startColumn: column } };
}

export function imageBaseIds(report: Report): Record<string, { readonly description: { readonly text: string } }> {
  return report.findings.some(isImageResult) ? { [IMAGE_ROOT]: { description: { text: 'The root of the scanned image\'s file system.' } } } : {};
}

/** Descriptors for vulnerability ids, from the report's findings; undefined for ordinary rules. */
export function vulnerabilityDescriptors(report: Report): (rule: RuleInfo) => SarifReportingDescriptor | undefined {
  const byId = groupBy(report.findings.filter((f) => f.vulnerability !== undefined), (f) => f.ruleId);
  return (rule) => {
    const findings = byId.get(rule.id);
    return findings === undefined ? undefined : descriptor(rule, findings);
  };
}

function descriptor(rule: RuleInfo, findings: readonly Finding[]): SarifReportingDescriptor {
  const first = findings[0]?.vulnerability;
  const aliases = first === undefined || first.aliases.length === 0 ? '' : ` Also known as ${first.aliases.join(', ')}.`;
  const fixes = [...new Set(findings.map((f) => `${f.vulnerability?.package.name ?? ''} ${f.vulnerability?.package.version ?? ''}: ${f.remediation}`))];
  const worst = findings.reduce((best, f) => (Number(securitySeverityOf(f)) > Number(securitySeverityOf(best)) ? f : best));
  const helpUri = `https://osv.dev/vulnerability/${encodeURIComponent(rule.id)}`;
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: `${first?.summary === undefined || first.summary === '' ? rule.title : first.summary}.${aliases}` },
    help: {
      text: fixes.join('\n'),
      // Package names come from the scanned image: escaped, or a hostile name would put links and
      // images into the alert page GitHub renders from this Markdown.
      markdown: `${fixes.map((f) => `- ${escapeMarkdown(f)}`).join('\n')}\n\n[${escapeMarkdown(rule.id)} on OSV](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: sarifLevel(worst.severity) },
    properties: {
      tags: ['security', 'vulnerability', ...rule.threats],
      // A match is a version inside a published range: what the advisory says, no heuristics.
      precision: 'very-high',
      'security-severity': securitySeverityOf(worst),
    },
  };
}
