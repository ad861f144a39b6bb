/**
 * A vulnerability's severity: the vendor's word when an advisory states one (a distro's urgency,
 * GHSA's rating), otherwise the qualitative rating of the newest CVSS version's base score.
 * "unknown" when neither exists: a made-up default would mislead gates.
 */
import type { Severity } from '../../model/severity.js';
import type { SeverityClaim } from '../advisory.js';
import { cvss, type CvssScore, InvalidCvssVectorError } from '../cvss/index.js';

export type VulnSeverity = Severity | 'unknown';

export interface ScoredVector extends CvssScore {
  readonly vector: string;
}

export type SeveritySource =
  | { readonly kind: 'vendor'; readonly by: string; readonly rating: string }
  | { readonly kind: 'cvss'; readonly vector: string; readonly baseScore: number }
  | { readonly kind: 'none' };

export interface SeverityVerdict {
  readonly severity: VulnSeverity;
  readonly source: SeveritySource;
  readonly cvss: readonly ScoredVector[];
}

const VENDOR_WORDS: Readonly<Record<string, Severity>> = {
  critical: 'critical', important: 'high', high: 'high', moderate: 'medium', medium: 'medium',
  low: 'low', unimportant: 'low', negligible: 'low', minor: 'low', none: 'info', informational: 'info',
};

const VERSION_RANK = { '4.0': 4, '3.1': 3, '3.0': 2, '2.0': 1 } as const;

export function vendorSeverity(rating: string): Severity | undefined {
  const word = rating.trim().toLowerCase();
  return Object.hasOwn(VENDOR_WORDS, word) ? VENDOR_WORDS[word] : undefined;
}

/** `claims` most specific first (the affected package's, then the advisory's). */
export function judgeSeverity(claims: readonly SeverityClaim[]): SeverityVerdict {
  const scored = scoreVectors(claims);
  for (const claim of claims) {
    if (claim.kind !== 'vendor') continue;
    const severity = vendorSeverity(claim.rating);
    if (severity !== undefined) return { severity, source: { kind: 'vendor', by: claim.by, rating: claim.rating }, cvss: scored };
  }
  const best = [...scored].sort((a, b) => VERSION_RANK[b.version] - VERSION_RANK[a.version] || b.baseScore - a.baseScore)[0];
  if (best === undefined) return { severity: 'unknown', source: { kind: 'none' }, cvss: scored };
  const severity: Severity = best.severity === 'none' ? 'info' : best.severity;
  return { severity, source: { kind: 'cvss', vector: best.vector, baseScore: best.baseScore }, cvss: scored };
}

/** Advisories repeat a few thousand distinct vectors; scoring each once keeps matching cheap. */
const scoreCache = new Map<string, ScoredVector | null>();
const SCORE_CACHE_LIMIT = 10_000;

function scoreVector(vector: string): ScoredVector | null {
  const cached = scoreCache.get(vector);
  if (cached !== undefined) return cached;
  let scored: ScoredVector | null;
  try {
    scored = { ...cvss(vector), vector };
  } catch (error) {
    // A malformed vector in an advisory is the advisory's problem; the others still count.
    if (!(error instanceof InvalidCvssVectorError)) throw error;
    scored = null;
  }
  if (scoreCache.size >= SCORE_CACHE_LIMIT) scoreCache.clear();
  scoreCache.set(vector, scored);
  return scored;
}

function scoreVectors(claims: readonly SeverityClaim[]): ScoredVector[] {
  const seen = new Set<string>();
  const scored: ScoredVector[] = [];
  for (const claim of claims) {
    if (claim.kind !== 'cvss' || seen.has(claim.vector)) continue;
    seen.add(claim.vector);
    const score = scoreVector(claim.vector);
    if (score !== null) scored.push(score);
  }
  return scored;
}
