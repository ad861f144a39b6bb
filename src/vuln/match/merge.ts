/**
 * One vulnerability appears once per package: hits whose ids are linked by aliases (GHSA-x with
 * alias CVE-y, a Debian record for CVE-y) are merged, keeping every piece of evidence. "related"
 * ids (a DSA naming many CVEs) are shown but never merge, or one DSA would fold unrelated CVEs.
 */
import { compareVersions, type Ecosystem, InvalidVersionError } from '../../lib/versions/index.js';
import type { Suppression, VulnerabilityEvidence, VulnerablePackage } from '../../model/finding.js';
import type { SeverityClaim } from '../advisory.js';
import type { MatchablePackage } from './candidate.js';
import type { Fix, RangeHit } from './evaluate.js';
import { judgeSeverity, type ScoredVector, type SeveritySource, type VulnSeverity } from './severity.js';

/** What the report shows of one matching record (the model's evidence), plus the fix its range names. */
export interface MatchEvidence extends VulnerabilityEvidence, RangeHit {}

/** The installed package a vulnerability was found in, as findings carry it. */
export type MatchedPackage = VulnerablePackage;

export interface VulnerabilityMatch {
  /** The CVE when one is known, else the GHSA, else the advisory's own id. */
  readonly id: string;
  /** Every other id of the same vulnerability, sorted. */
  readonly aliases: readonly string[];
  readonly related: readonly string[];
  readonly summary: string;
  readonly package: MatchedPackage;
  readonly severity: VulnSeverity;
  readonly severitySource: SeveritySource;
  readonly cvss: readonly ScoredVector[];
  /** The version that leaves every matching range (the highest fix they name), if any. */
  readonly fix: Fix;
  readonly evidence: readonly MatchEvidence[];
  /** Set by VEX (vex/apply.ts): still reported, but not counted by gates. */
  readonly suppression?: Suppression;
}

export interface Hit {
  readonly vulnId: string;
  readonly aliases: readonly string[];
  readonly related: readonly string[];
  readonly summary: string;
  readonly claims: readonly SeverityClaim[];
  readonly evidence: MatchEvidence;
  readonly scheme: Ecosystem;
}

export function mergeHits(pkg: MatchablePackage, hits: readonly Hit[]): VulnerabilityMatch[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const hit of hits) {
    union(hit.vulnId, hit.vulnId);
    for (const alias of hit.aliases) union(hit.vulnId, alias);
  }
  const groups = new Map<string, Hit[]>();
  for (const hit of hits) {
    const root = find(hit.vulnId);
    groups.set(root, [...(groups.get(root) ?? []), hit]);
  }
  return [...groups.values()].map((group) => mergeGroup(pkg, group)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const ID_PREFERENCE = ['CVE-', 'GHSA-'];

function primaryId(ids: readonly string[]): string {
  for (const prefix of ID_PREFERENCE) {
    const found = ids.find((id) => id.startsWith(prefix));
    if (found !== undefined) return found;
  }
  return ids[0] ?? '';
}

function mergeGroup(pkg: MatchablePackage, group: readonly Hit[]): VulnerabilityMatch {
  const ids = [...new Set(group.flatMap((h) => [h.vulnId, ...h.aliases]))].sort();
  const id = primaryId(ids);
  const verdict = judgeSeverity(group.flatMap((h) => h.claims));
  const summary = group.find((h) => h.summary !== '')?.summary ?? '';
  const related = [...new Set(group.flatMap((h) => h.related))].filter((r) => !ids.includes(r)).sort();
  const first = group[0];
  return {
    id,
    aliases: ids.filter((x) => x !== id),
    related,
    summary,
    package: {
      ecosystem: pkg.ecosystem,
      name: pkg.name,
      version: pkg.version,
      ...(pkg.purl === undefined ? {} : { purl: pkg.purl }),
      ...(pkg.file === undefined ? {} : { file: pkg.file }),
      ...(pkg.layer === undefined ? {} : { layer: pkg.layer }),
    },
    severity: verdict.severity,
    severitySource: verdict.source,
    cvss: verdict.cvss,
    fix: first === undefined ? { state: 'unfixed' } : fixLeavingEveryRange(first.scheme, group.map((h) => h.evidence.fix)),
    evidence: group.map((h) => h.evidence),
  };
}

/**
 * The upgrade that leaves every matching range: the highest bound among the records that name a
 * fix. Records of one vulnerability often disagree (GHSA says fixed in 3.2.4, PYSEC in 3.2.5);
 * the lower one would be a version the other record still reports, so a rescan after following
 * the advice would flag the same CVE again. "fixed-after L" needs a version above L, so at an
 * equal version it is the stronger bound. Records without a fix leave it to the others: only
 * when none names one is the vulnerability unfixed.
 */
function fixLeavingEveryRange(scheme: Ecosystem, fixes: readonly Fix[]): Fix {
  let best: Fix = { state: 'unfixed' };
  for (const fix of fixes) {
    if (fix.state === 'unfixed') continue;
    if (best.state === 'unfixed') {
      best = fix;
      continue;
    }
    const c = safeCompare(scheme, boundOf(fix), boundOf(best));
    if (c > 0 || (c === 0 && fix.state === 'fixed-after')) best = fix;
  }
  return best;
}

function boundOf(fix: Exclude<Fix, { state: 'unfixed' }>): string {
  return fix.state === 'fixed' ? fix.version : fix.lastAffected;
}

function safeCompare(scheme: Ecosystem, a: string, b: string): number {
  try {
    return compareVersions(scheme, a, b);
  } catch (error) {
    if (error instanceof InvalidVersionError) return 0;
    throw error;
  }
}
