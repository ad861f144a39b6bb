/**
 * Vulnerabilities: the offline advisory store (import, update, status), matching of installed
 * packages with explained evidence, CVSS severities and VEX suppression.
 */
import { openStore } from './store/open.js';
import type { MatchablePackage } from './match/candidate.js';
import { Matcher, type MatchOptions, type MatchResult } from './match/matcher.js';

export type { Advisory, AffectedPackage, AffectedRange, RangeEvent, SeverityClaim } from './advisory.js';
export { importAdvisories, type ImportOptions, type ImportResult } from './import/index.js';
export { defaultStorePath } from './store/location.js';
export { storeStatus, type SourceStatus, type StoreStatus } from './store/status.js';
export { SCHEMA_VERSION } from './store/schema.js';
export type { DistroRelease } from './names.js';
export type { MatchablePackage } from './match/candidate.js';
export { Matcher, type MatchOptions, type MatchResult } from './match/matcher.js';
export type { Fix } from './match/evaluate.js';
export type { MatchEvidence, MatchedPackage, VulnerabilityMatch } from './match/merge.js';
export type { ScoredVector, SeveritySource, VulnSeverity } from './match/severity.js';

/** Opens the store read-only, matches, closes. For many calls, keep a Matcher over openStore(). */
export function matchPackages(storePath: string, packages: readonly MatchablePackage[], options: MatchOptions = {}): MatchResult {
  const db = openStore(storePath);
  try {
    return new Matcher(db).match(packages, options);
  } finally {
    db.close();
  }
}

export { openStore };
export { applyVex, loadVex, parseVex, type VexArtifact, type VexDocument, type VexStatement, type VexStatus } from './vex/index.js';
