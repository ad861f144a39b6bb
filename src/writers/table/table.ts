/**
 * The human report for a terminal: findings grouped by resource, then suppressed findings,
 * problems, compliance, and one summary line with the verdict. Colours only when asked.
 */
import pc from 'picocolors';
import { defineWriter } from '../../core/writer.js';
import { formatProblem } from '../../core/errors.js';
import type { Finding } from '../../model/finding.js';
import type { Problem } from '../../model/problem.js';
import type { Compliance, Report } from '../../model/report.js';
import { resourceKey } from '../../model/resource.js';
import type { Severity } from '../../model/severity.js';
import { isClusterSource } from '../../model/source.js';
import { groupByResource, maxOf, type ResourceGroup } from '../common/resource-groups.js';
import { complianceScoreBasis } from '../common/compliance-score.js';
import { describeSuppression } from '../common/suppression.js';
import { hasGate, summaryCounts, verdict } from '../common/summary.js';
import { visibleControls } from '../../lib/visible-controls.js';
import { attackSection, riskTag } from './attack.js';
import { imageHeaders, isImageFinding, secretSection, vulnerabilitySection } from './images.js';

type Colors = ReturnType<typeof pc.createColors>;

/** A cap on informational notes: a directory full of READMEs should not bury the findings. */
const MAX_NOTES = 10;

const SEVERITY_WIDTH = 8;

function paintSeverity(c: Colors, severity: Severity, text: string): string {
  switch (severity) {
    case 'critical':
      return c.bold(c.red(text));
    case 'high':
      return c.red(text);
    case 'medium':
      return c.yellow(text);
    case 'low':
      return c.cyan(text);
    case 'info':
      return c.dim(text);
  }
}

function locationLabel(file: string, line: number): string {
  return isClusterSource(file) || line < 1 ? visibleControls(file) : `${visibleControls(file)}:${line}`;
}

function findingLine(c: Colors, finding: Finding, ruleWidth: number): string {
  const severity = paintSeverity(c, finding.severity, finding.severity.padEnd(SEVERITY_WIDTH));
  const warnOnly = finding.status === 'warn' ? c.dim(' (warning only)') : '';
  const { file, line, path } = finding.location;
  // An object read from a live cluster has no line (its position is a placeholder): the pointer
  // says where. Standard input has lines like any file.
  const at = !isClusterSource(file) && line >= 1 ? `line ${line} ` : '';
  const where = c.dim(`${at}${visibleControls(path === '' ? '/' : path)}`);
  const risk = riskTag((level, text) => paintSeverity(c, level, text), finding);
  return `  ${severity}  ${risk}${finding.ruleId.padEnd(ruleWidth)}  ${visibleControls(finding.message)}${warnOnly}  ${where}`;
}

function groupSection(c: Colors, group: ResourceGroup): string[] {
  const ruleWidth = maxOf(group.findings.map((f) => f.ruleId.length));
  const header = `${c.bold(visibleControls(group.key))}  ${c.dim(locationLabel(group.file, group.line))}`;
  return [header, ...group.findings.map((f) => findingLine(c, f, ruleWidth)), ''];
}

/** An image's findings share one resource, the image: the file, line and column inside it tell them apart. */
function imagePlace(finding: Finding): string {
  const { file, line, column } = finding.location;
  return line < 1 ? file : column < 1 ? `${file}:${String(line)}` : `${file}:${String(line)}:${String(column)}`;
}

function suppressedSection(c: Colors, findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const ruleWidth = maxOf(findings.map((f) => f.ruleId.length));
  const keys = findings.map((f) => visibleControls(isImageFinding(f) ? `${resourceKey(f.resource)} ${imagePlace(f)}` : resourceKey(f.resource)));
  const keyWidth = maxOf(keys.map((k) => k.length));
  const lines = findings.map((f, i) => `  ${f.ruleId.padEnd(ruleWidth)}  ${(keys[i] ?? '').padEnd(keyWidth)}  ${c.dim(visibleControls(describeSuppression(f.suppression)))}`);
  return [c.bold(`Suppressed (${findings.length})`), ...lines, ''];
}

function paintLevel(c: Colors, problem: Problem): string {
  const text = visibleControls(formatProblem(problem));
  if (problem.level === 'error') return c.red(text);
  if (problem.level === 'warning') return c.yellow(text);
  return c.dim(text);
}

function problemSection(c: Colors, title: string, problems: readonly Problem[], limit = Infinity): string[] {
  if (problems.length === 0) return [];
  const shown = problems.slice(0, limit).map((p) => `  ${paintLevel(c, p)}`);
  const hidden = problems.length - shown.length;
  const more = hidden > 0 ? [c.dim(`  ... and ${hidden} more (see --format json)`)] : [];
  return [c.bold(`${title} (${problems.length})`), ...shown, ...more, ''];
}

function complianceSection(c: Colors, compliance: Compliance | undefined): string[] {
  if (compliance === undefined) return [];
  const idWidth = Math.max(7, ...compliance.controls.map((k) => visibleControls(k.id).length));
  const rows = compliance.controls.map((control) => {
    const status = control.status.padEnd(6);
    const painted = control.status === 'fail' ? c.red(status) : control.status === 'pass' ? c.green(status) : c.dim(status);
    const findings = (control.status === 'manual' ? '-' : String(control.findings)).padStart(8);
    const reason = control.reason === undefined ? '' : c.dim(` (${visibleControls(control.reason)})`);
    return `  ${visibleControls(control.id).padEnd(idWidth)}  ${painted}  ${findings}  ${visibleControls(control.title)}${reason}`;
  });
  const header = c.dim(`  ${'control'.padEnd(idWidth)}  status  findings  title`);
  const basis = complianceScoreBasis(compliance);
  return [
    c.bold(`Compliance: ${visibleControls(compliance.title)} ${visibleControls(compliance.version)} (${visibleControls(compliance.framework)}), score ${compliance.score}% (${basis})`),
    header,
    ...rows,
    '',
  ];
}

function finalLine(c: Colors, report: Report): string {
  const text = verdict(report);
  const painted = !hasGate(report) ? text : report.summary.failed ? c.bold(c.red(text)) : c.green(text);
  return `${summaryCounts(report)} — ${painted}`;
}

export const tableWriter = defineWriter({
  format: 'table',
  description: 'Human-readable findings grouped by resource, with a summary line (the default on a terminal).',
  extension: 'txt',
  write(report, { color }) {
    const c = pc.createColors(color);
    const active = report.findings.filter((f) => !f.suppressed);
    const suppressed = report.findings.filter((f) => f.suppressed);
    // Image findings (vulnerabilities, secrets) read better by package than by resource.
    const paint = (severity: Severity, text: string): string => paintSeverity(c, severity, text);
    const ofImages = active.filter(isImageFinding);
    const lines = [
      ...imageHeaders(c, report),
      ...(active.length === 0 ? [c.green('No findings.'), ''] : groupByResource(active.filter((f) => !isImageFinding(f))).flatMap((g) => groupSection(c, g))),
      ...vulnerabilitySection(c, paint, ofImages),
      ...secretSection(c, paint, ofImages),
      ...suppressedSection(c, suppressed),
      ...problemSection(c, 'Errors and warnings', report.errors),
      ...problemSection(c, 'Notes', report.notes, MAX_NOTES),
      ...complianceSection(c, report.compliance),
      ...attackSection(c, report.attackPaths),
      finalLine(c, report),
    ];
    return `${lines.join('\n')}\n`;
  },
});
