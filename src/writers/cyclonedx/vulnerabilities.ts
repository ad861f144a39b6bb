/**
 * The CycloneDX 1.6 `vulnerabilities` section (https://cyclonedx.org/docs/1.6/json/#vulnerabilities)
 * from vulnerability findings: one entry per vulnerability, affecting the components (by bom-ref)
 * it was found in, rated by each CVSS vector, with the fix as recommendation and, when a VEX
 * statement suppressed it, the analysis (state and justification) VEX consumers read.
 */
import type { CvssRating, Finding, VulnerabilityDetail } from '../../model/finding.js';

type Json = Record<string, unknown>;

const METHOD: Readonly<Record<CvssRating['version'], string>> = { '2.0': 'CVSSv2', '3.0': 'CVSSv3', '3.1': 'CVSSv31', '4.0': 'CVSSv4' };

/** OpenVEX justifications in CycloneDX's vocabulary (CycloneDX VEX ones are already in it). */
const JUSTIFICATION: Readonly<Record<string, string>> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
  code_not_present: 'code_not_present',
  code_not_reachable: 'code_not_reachable',
  requires_configuration: 'requires_configuration',
  requires_dependency: 'requires_dependency',
  requires_environment: 'requires_environment',
  protected_by_compiler: 'protected_by_compiler',
  protected_at_runtime: 'protected_at_runtime',
  protected_at_perimeter: 'protected_at_perimeter',
  protected_by_mitigating_control: 'protected_by_mitigating_control',
};

const STATE: Readonly<Record<string, string>> = {
  not_affected: 'not_affected', fixed: 'resolved', resolved: 'resolved', resolved_with_pedigree: 'resolved_with_pedigree', false_positive: 'false_positive',
};

/**
 * `refOf` gives the bom-ref of the component a finding's package is (by purl and file); findings
 * whose package is not a component of this SBOM are left out rather than pointing nowhere.
 */
export function vulnerabilitiesSection(findings: readonly Finding[], refOf: (purl: string, file: string) => string | undefined): Json[] {
  const byId = new Map<string, { detail: VulnerabilityDetail; refs: Map<string, Set<string>>; findings: Finding[] }>();
  for (const finding of findings) {
    const detail = finding.vulnerability;
    if (detail?.package.purl === undefined) continue;
    const ref = refOf(detail.package.purl, detail.package.file ?? '');
    if (ref === undefined) continue;
    const entry = byId.get(detail.id) ?? { detail, refs: new Map<string, Set<string>>(), findings: [] };
    entry.refs.set(ref, (entry.refs.get(ref) ?? new Set<string>()).add(detail.package.version));
    entry.findings.push(finding);
    byId.set(detail.id, entry);
  }
  return [...byId.values()]
    .sort((a, b) => (a.detail.id < b.detail.id ? -1 : a.detail.id > b.detail.id ? 1 : 0))
    .map(({ detail, refs, findings: found }) => entry(detail, refs, found));
}

function entry(detail: VulnerabilityDetail, refs: ReadonlyMap<string, ReadonlySet<string>>, findings: readonly Finding[]): Json {
  const sources = [...new Set(detail.evidence.map((e) => e.source))];
  const recommendations = [...new Set(findings.map((f) => f.remediation))];
  const analysis = analysisOf(findings);
  return {
    'bom-ref': `vulnerability:${detail.id}`,
    id: detail.id,
    ...(sources[0] === undefined ? {} : { source: sourceOf(detail.id, sources[0]) }),
    ...(detail.aliases.length + detail.related.length === 0 ? {} : {
      references: [...detail.aliases, ...detail.related].map((id) => ({ id, source: { name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}` } })),
    }),
    ratings: ratingsOf(detail),
    ...(detail.summary === '' ? {} : { description: detail.summary }),
    recommendation: recommendations.join(' '),
    affects: [...refs.keys()].sort().map((ref) => ({ ref, versions: [...(refs.get(ref) ?? [])].sort().map((version) => ({ version, status: 'affected' })) })),
    ...(analysis === undefined ? {} : { analysis }),
  };
}

function sourceOf(id: string, name: string): Json {
  return { name, url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}` };
}

function ratingsOf(detail: VulnerabilityDetail): Json[] {
  const ratings: Json[] = detail.cvss.map((c) => ({ score: c.baseScore, severity: c.severity, method: METHOD[c.version], vector: c.vector }));
  if (detail.ratedBy.kind === 'vendor') ratings.push({ source: { name: detail.ratedBy.by }, severity: detail.rating === 'unknown' ? 'unknown' : detail.rating, method: 'other' });
  if (ratings.length === 0) ratings.push({ severity: 'unknown' });
  return ratings;
}

/**
 * A VEX suppression's reason reads "status: justification: detail" (vuln/vex): the state and
 * justification CycloneDX expects are recovered from it. Only when every finding of the
 * vulnerability is VEX-suppressed: one affected package keeps it affected.
 */
function analysisOf(findings: readonly Finding[]): Json | undefined {
  const suppressions = findings.map((f) => f.suppression);
  if (suppressions.some((s) => s?.kind !== 'vex')) return undefined;
  const first = suppressions[0];
  if (first?.kind !== 'vex') return undefined;
  const [status = '', maybeJustification = '', ...rest] = first.reason.split(': ');
  const state = STATE[status];
  if (state === undefined) return undefined;
  const justification = JUSTIFICATION[maybeJustification];
  const detail = (justification === undefined ? [maybeJustification, ...rest] : rest).filter((p) => p !== '').join(': ');
  return {
    state,
    ...(justification === undefined || state !== 'not_affected' ? {} : { justification }),
    ...(detail === '' ? {} : { detail: `${detail} (${first.source})` }),
  };
}
