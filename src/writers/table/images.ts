/**
 * The table's image parts: a header per scanned image (the inventory in brief, and whether
 * vulnerabilities were checked), vulnerabilities grouped by package (the question a reader asks
 * is "what do I upgrade?"), and secrets with their redactions.
 */
import type pc from 'picocolors';
import { compareText } from '../../lib/compare.js';
import type { Finding, VulnerabilityFix } from '../../model/finding.js';
import { secretPlace } from '../../model/package.js';
import type { ImageScanSummary, Report } from '../../model/report.js';
import { severityRank, type Severity } from '../../model/severity.js';
import { maxOf } from '../common/resource-groups.js';
import { imageSecretCount, secretCount, secretCountText } from '../common/secret-count.js';
import { plural } from '../common/summary.js';
import { visibleControls } from '../../lib/visible-controls.js';

type Colors = ReturnType<typeof pc.createColors>;

type Paint = (severity: Severity, text: string) => string;

export function isImageFinding(finding: Finding): boolean {
  return finding.vulnerability !== undefined || finding.secret !== undefined;
}

function imageHeader(c: Colors, image: ImageScanSummary, findings: readonly Finding[]): string[] {
  const lines = [c.bold(`Target: ${visibleControls(image.target)}`)];
  if (image.digest !== undefined) lines.push(`Image: ${visibleControls(image.digest)} (${visibleControls(image.platform ?? '')}, ${image.layers} layers${image.reference === image.target ? '' : `, ${visibleControls(image.reference)}`})`);
  lines.push(`OS: ${image.os === undefined ? 'unknown (no os-release)' : visibleControls(image.os)}`);
  const ecosystems = Object.entries(image.packagesByEcosystem).map(([e, n]) => `${visibleControls(e)} ${n}`).join(', ');
  lines.push(`Packages: ${image.packages}${ecosystems === '' ? '' : ` (${ecosystems})`}`);
  const mine = findings.filter((f) => f.resource.name === image.reference);
  const vulns = image.vulnerabilities;
  const found = mine.filter((f) => f.vulnerability !== undefined);
  const suppressed = found.filter((f) => f.suppressed).length;
  lines.push(vulns.checked
    ? `Vulnerabilities: ${found.length} (${suppressed === 0 ? '' : `${suppressed} suppressed; `}store ${visibleControls(vulns.store)})`
    : c.yellow(`Vulnerabilities: not checked: ${visibleControls(vulns.reason)} (import advisories with \`palisade db import PATH\`)`));
  if (image.secretsChecked) lines.push(`Secrets: ${secretCountText(imageSecretCount(image, findings))}`);
  return [...lines, ''];
}

export function imageHeaders(c: Colors, report: Report): string[] {
  return (report.images ?? []).flatMap((image) => imageHeader(c, image, report.findings));
}

function fixText(fix: VulnerabilityFix): string {
  if (fix.state === 'fixed') return `fixed in ${fix.version}`;
  if (fix.state === 'fixed-after') return `fixed after ${fix.lastAffected}`;
  return 'no fix yet';
}

interface PackageGroup {
  readonly key: string;
  readonly header: string;
  readonly findings: Finding[];
}

/** One group per image and installed package (the same version may sit in two files). */
function byPackage(findings: readonly Finding[]): PackageGroup[] {
  const groups = new Map<string, PackageGroup>();
  for (const finding of findings) {
    const pkg = finding.vulnerability?.package;
    if (pkg === undefined) continue;
    const key = `${finding.resource.name}\u0000${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.version}\u0000${pkg.file ?? ''}`;
    let group = groups.get(key);
    if (group === undefined) {
      const from = pkg.file === undefined ? '' : `  ${pkg.file}`;
      group = { key, header: `${pkg.name} ${pkg.version} (${pkg.ecosystem})${from}  in ${finding.resource.name}`, findings: [] };
      groups.set(key, group);
    }
    group.findings.push(finding);
  }
  const worst = (g: PackageGroup): number => g.findings.reduce((w, f) => Math.min(w, severityRank(f.severity)), Infinity);
  return [...groups.values()].sort((a, b) => worst(a) - worst(b) || compareText(a.key, b.key));
}

/** Vulnerabilities, one block per package, worst package first; why it matched is in `--format json`. */
export function vulnerabilitySection(c: Colors, paint: Paint, findings: readonly Finding[]): string[] {
  const vulnerabilities = findings.filter((f) => f.vulnerability !== undefined);
  const groups = byPackage(vulnerabilities);
  if (groups.length === 0) return [];
  const idWidth = maxOf(vulnerabilities.map((f) => f.ruleId.length));
  const lines = [c.bold(`Vulnerabilities (${vulnerabilities.length} in ${plural(groups.length, 'package')})`)];
  for (const group of groups) {
    lines.push(`  ${c.bold(visibleControls(group.header))}`);
    for (const f of group.findings) {
      const v = f.vulnerability;
      if (v === undefined) continue;
      const aliases = v.aliases.length === 0 ? '' : c.dim(` (${visibleControls(v.aliases.join(', '))})`);
      const rating = v.rating === 'unknown' ? c.dim(' (severity unknown)') : '';
      const summary = v.summary === '' ? '' : `  ${visibleControls(v.summary)}`;
      lines.push(`    ${paint(f.severity, f.severity.padEnd(8))}  ${visibleControls(f.ruleId).padEnd(idWidth)}  ${visibleControls(fixText(v.fix))}${rating}${summary}${aliases}`);
    }
  }
  return [...lines, ''];
}

/** Secrets: where and a redaction, never the value. */
export function secretSection(c: Colors, paint: Paint, findings: readonly Finding[]): string[] {
  const secrets = findings.filter((f) => f.secret !== undefined);
  if (secrets.length === 0) return [];
  const lines = [c.bold(`Secrets (${secretCountText(secretCount(secrets))})`)];
  for (const f of secrets) {
    const s = f.secret;
    if (s === undefined) continue;
    const where = s.place === 'file' ? secretPlace(s) : `config ${secretPlace(s)}`;
    lines.push(`  ${paint(f.severity, s.severity.padEnd(8))} ${visibleControls(s.rule)}  ${visibleControls(where)}  ${visibleControls(s.redacted)}  ${c.dim(`in ${visibleControls(f.resource.name)}`)}`);
  }
  return [...lines, ''];
}
