/**
 * The normalised advisory every importer produces and the store holds: OSV's data model reduced to
 * what matching needs. Distro feeds (Debian tracker, Alpine secdb) are expressed in it too, as
 * ECOSYSTEM ranges on the source package of one release.
 */
import type { Ecosystem } from '../lib/versions/index.js';

/** One OSV range event; exactly one kind per event (OSV schema). */
export type RangeEvent =
  | { readonly introduced: string }
  | { readonly fixed: string }
  | { readonly last_affected: string }
  | { readonly limit: string };

export interface AffectedRange {
  readonly type: 'ECOSYSTEM' | 'SEMVER' | 'GIT';
  readonly events: readonly RangeEvent[];
}

/** A CVSS vector (scored on use) or a severity word stated by the vendor. */
export type SeverityClaim =
  | { readonly kind: 'cvss'; readonly vector: string }
  | { readonly kind: 'vendor'; readonly rating: string; readonly by: string };

export interface AffectedPackage {
  /** The version scheme that orders this package's versions. */
  readonly scheme: Ecosystem;
  /**
   * Where the record applies: "" for language ecosystems, "<distro>:<release>" for OS packages
   * ("debian:bookworm", "alpine:v3.19", "ubuntu:22.04"), "<distro>:" for rolling distributions.
   */
  readonly platform: string;
  /** Normalised package name (see names.ts); the source package for OS distributions. */
  readonly name: string;
  readonly ranges: readonly AffectedRange[];
  /** Explicit affected versions (OSV `versions`). */
  readonly versions: readonly string[];
  readonly severity: readonly SeverityClaim[];
}

export interface Advisory {
  /** Unique within its source: the OSV id, or "<advisory> <cve>" for distro feeds. */
  readonly key: string;
  /** The vulnerability id shown to users (OSV id; the CVE for distro feeds). */
  readonly id: string;
  /** Other ids of the same vulnerability (CVE, GHSA...): these merge findings. */
  readonly aliases: readonly string[];
  /** Advisories that mention it without being the same vulnerability (DSA, DLA): shown, never merged. */
  readonly related: readonly string[];
  readonly summary: string;
  readonly published?: string;
  readonly modified?: string;
  readonly withdrawn?: string;
  readonly severity: readonly SeverityClaim[];
  readonly affected: readonly AffectedPackage[];
}
