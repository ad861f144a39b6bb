import type { ImageSecret } from './package.js';
import type { ResourceRef } from './resource.js';
import type { FindingRisk } from './risk.js';
import type { Severity } from './severity.js';
import type { ThreatId } from './threats.js';

/** Where a finding points. `path` is a JSON pointer inside the resource. */
export interface FindingLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
}

/** Why a finding does not count against the gate. */
export type Suppression =
  | {
      readonly kind: 'exception';
      readonly reason: string;
      readonly owner?: string;
      readonly expires?: string;
      /** Index of the exception in the configuration file, for the user to find it. */
      readonly exceptionIndex: number;
    }
  | { readonly kind: 'annotation'; readonly reason: string }
  | { readonly kind: 'vex'; readonly reason: string; readonly source: string };

export interface Finding {
  /** Stable across runs for the same rule, resource and path: a hex digest. */
  readonly id: string;
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  /** The rule's outcome: `fail` findings count against `--fail-on`, `warn` findings never do. */
  readonly status: 'fail' | 'warn';
  readonly message: string;
  readonly threats: readonly ThreatId[];
  readonly mitre: readonly string[];
  readonly resource: ResourceRef;
  readonly location: FindingLocation;
  readonly remediation: string;
  readonly suppressed: boolean;
  readonly suppression?: Suppression;
  /** Context-aware risk from the attack-path analysis (absent when the scan did not run it). */
  readonly risk?: FindingRisk;
  /** Present on findings about a known vulnerability in an installed package (the rule id is the vulnerability id). */
  readonly vulnerability?: VulnerabilityDetail;
  /** Present on findings about a secret in an image (a file in some layer, or the config): never the value, only its redaction. */
  readonly secret?: ImageSecret;
}

/** The Kubernetes-style identity findings about a container image carry: kind Image, named by its reference. */
export const IMAGE_API_VERSION = 'palisade.dev/v1';
export const IMAGE_KIND = 'Image';

/** The installed package a vulnerability was found in. */
export interface VulnerablePackage {
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  readonly purl?: string;
  /** The file inside the image the package was read from, and the layer that added it. */
  readonly file?: string;
  readonly layer?: string;
}

/** One CVSS vector of the advisory, scored per its FIRST specification. */
export interface CvssRating {
  readonly version: '2.0' | '3.0' | '3.1' | '4.0';
  readonly vector: string;
  readonly baseScore: number;
  readonly severity: 'none' | 'low' | 'medium' | 'high' | 'critical';
}

/** Whether a release leaves the affected range: the lowest fixed version, or only the last affected one. */
export type VulnerabilityFix =
  | { readonly state: 'fixed'; readonly version: string }
  | { readonly state: 'fixed-after'; readonly lastAffected: string }
  | { readonly state: 'unfixed' };

/** Why the package matched one advisory record: what was compared, and the range that contains it. */
export interface VulnerabilityEvidence {
  readonly advisory: string;
  /** The record's key in its source, and the source (the import's name). */
  readonly record: string;
  readonly source: string;
  /** Matched on the package itself or on the source package it was built from (distro feeds). */
  readonly by: 'package' | 'source-package';
  readonly name: string;
  readonly version: string;
  /** "" for language packages, "debian:bookworm" / "alpine:v3.19" for OS packages. */
  readonly platform: string;
  readonly rangeType: 'ECOSYSTEM' | 'SEMVER' | 'GIT' | 'versions';
  /** ">= 2.13.0, < 2.15.0", "<= 1.2.3" or "listed version 1.0". */
  readonly range: string;
}

export interface VulnerabilityDetail {
  /** The CVE when one is known, else the GHSA, else the advisory's own id (also the finding's ruleId). */
  readonly id: string;
  /** Every other id of the same vulnerability (merged into this one finding). */
  readonly aliases: readonly string[];
  /** Advisories that mention it without being the same vulnerability (DSA, DLA). */
  readonly related: readonly string[];
  readonly summary: string;
  readonly package: VulnerablePackage;
  /** As the advisories rate it; `unknown` when none does (the finding's severity is then `info`). */
  readonly rating: Severity | 'unknown';
  /** Where the rating comes from: the vendor's word, the CVSS vector scored, or nothing. */
  readonly ratedBy:
    | { readonly kind: 'vendor'; readonly by: string; readonly rating: string }
    | { readonly kind: 'cvss'; readonly vector: string; readonly baseScore: number }
    | { readonly kind: 'none' };
  readonly cvss: readonly CvssRating[];
  readonly fix: VulnerabilityFix;
  readonly evidence: readonly VulnerabilityEvidence[];
}
