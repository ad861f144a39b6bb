/**
 * Vulnerability matches as findings of the foundation's Report: one finding per vulnerability per
 * package (aliases already merged by the matcher), about the image (a ResourceRef of kind Image),
 * located at the file inside the image the package was read from. The message says why it
 * matched, so nobody has to trust an unexplained hit.
 */
import { hash64 } from '../lib/hash.js';
import type { Finding, VulnerabilityDetail, VulnerabilityEvidence, VulnerabilityFix } from '../model/finding.js';
import type { ResourceRef } from '../model/resource.js';
import { resourceKey } from '../model/resource.js';
import type { Severity } from '../model/severity.js';
import type { ThreatId } from '../model/threats.js';
import type { MatchEvidence, VulnerabilityMatch } from './match/merge.js';

/** A vulnerable dependency is a supply-chain and image-security concern (docs THREATS.md). */
const THREATS: readonly ThreatId[] = ['supply-chain', 'image-security'];

/** The finding's severity: the advisories' rating; `unknown` ranks lowest, as no rating was given. */
export function findingSeverity(rating: VulnerabilityMatch['severity']): Severity {
  return rating === 'unknown' ? 'info' : rating;
}

export function vulnerabilityFinding(match: VulnerabilityMatch, image: ResourceRef): Finding {
  const detail = detailOf(match);
  const file = match.package.file ?? '';
  const message = explain(detail);
  return {
    id: hash64(`${detail.id}\u0000${resourceKey(image)}\u0000${file}\u0000${match.package.purl ?? `${match.package.ecosystem}/${match.package.name}@${match.package.version}`}`),
    ruleId: detail.id,
    title: detail.summary === '' ? `${detail.id} in ${detail.package.name}` : detail.summary,
    severity: findingSeverity(match.severity),
    status: 'fail',
    message,
    threats: THREATS,
    mitre: [],
    resource: image,
    location: { file, line: 0, column: 0, path: '' },
    remediation: remediationOf(detail.package.name, detail.fix),
    suppressed: match.suppression !== undefined,
    ...(match.suppression === undefined ? {} : { suppression: match.suppression }),
    vulnerability: detail,
  };
}

export function vulnerabilityFindings(matches: readonly VulnerabilityMatch[], image: ResourceRef): Finding[] {
  return matches.map((match) => vulnerabilityFinding(match, image));
}

function detailOf(match: VulnerabilityMatch): VulnerabilityDetail {
  return {
    id: match.id,
    aliases: match.aliases,
    related: match.related,
    summary: match.summary,
    package: match.package,
    rating: match.severity,
    ratedBy: match.severitySource,
    cvss: match.cvss.map(({ version, vector, baseScore, severity }) => ({ version, vector, baseScore, severity })),
    fix: match.fix,
    evidence: match.evidence.map(evidenceOf),
  };
}

function evidenceOf(e: MatchEvidence): VulnerabilityEvidence {
  return { advisory: e.advisory, record: e.record, source: e.source, by: e.by, name: e.name, version: e.version, platform: e.platform, rangeType: e.rangeType, range: e.range };
}

export function remediationOf(name: string, fix: VulnerabilityFix): string {
  switch (fix.state) {
    case 'fixed':
      return `Upgrade ${name} to ${fix.version} or later.`;
    case 'fixed-after':
      return `Upgrade ${name} to a release after ${fix.lastAffected}.`;
    case 'unfixed':
      return `No fixed version is known: remove ${name} if it is not needed, otherwise mitigate and watch the advisory.`;
  }
}

export function describeFix(fix: VulnerabilityFix): string {
  switch (fix.state) {
    case 'fixed':
      return `fixed in ${fix.version}`;
    case 'fixed-after':
      return `fixed after ${fix.lastAffected}`;
    case 'unfixed':
      return 'no fix known';
  }
}

/**
 * "lodash 4.17.20 (npm) read from /srv/app/node_modules/lodash/package.json is in range
 * >= 0, < 4.17.21 of GHSA-35jh-r3h4-6jhm (osv-npm); fixed in 4.17.21". For an OS package matched
 * through its source package, the source name and version are named too, with the release.
 */
function explain(detail: VulnerabilityDetail): string {
  const pkg = detail.package;
  const from = pkg.file === undefined || pkg.file === '' ? '' : ` read from ${pkg.file}`;
  const why = detail.evidence.map(describeEvidence).join('; ');
  const aliases = detail.aliases.length === 0 ? '' : ` (also ${detail.aliases.join(', ')})`;
  return `${detail.id}${aliases}: ${pkg.name} ${pkg.version} (${pkg.ecosystem})${from}: ${why}; ${describeFix(detail.fix)}`;
}

function describeEvidence(e: VulnerabilityEvidence): string {
  const subject = e.by === 'source-package' ? `source package ${e.name} ${e.version}` : `version ${e.version}`;
  const where = [e.source, e.platform].filter((p) => p !== '').join(', ');
  const range = e.rangeType === 'versions' ? 'listed as affected by' : `in range ${e.range} of`;
  return `${subject} is ${range} ${e.advisory} (${where})`;
}

/** --ignore-unfixed: drop what no upgrade can fix yet (a `fixed-after` one has a fix, unnamed). */
export function isUnfixed(finding: Finding): boolean {
  return finding.vulnerability?.fix.state === 'unfixed';
}
