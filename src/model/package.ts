import type { Problem } from './problem.js';

/** The package ecosystems Palisade inventories; each is also the purl type it maps to (see purlType). */
export type PackageEcosystem = 'deb' | 'apk' | 'rpm' | 'npm' | 'pypi' | 'golang' | 'maven' | 'gem' | 'cargo' | 'composer' | 'nuget';

/** One installed package found in an image or a file system. */
export interface Package {
  readonly name: string;
  readonly version: string;
  readonly ecosystem: PackageEcosystem;
  /** Package URL (https://github.com/package-url/purl-spec), canonical form. */
  readonly purl: string;
  /** SPDX licence ids or expressions when known, as the package declares them. */
  readonly licenses: readonly string[];
  /** The source package an OS binary package was built from (dpkg Source:, apk origin, rpm SRPM). */
  readonly source?: { readonly name: string; readonly version: string };
  readonly arch?: string;
  /** Digest of the layer that added this package (absent for a plain file system). */
  readonly layer?: string;
  /** The file the package was read from, absolute inside the image. */
  readonly file: string;
  /** Id of the analyzer that found it. */
  readonly analyzer: string;
}

/** The operating system of an image, from /etc/os-release (or /usr/lib/os-release). */
export interface OperatingSystem {
  /** os-release ID, e.g. debian, alpine, rhel. */
  readonly id: string;
  readonly versionId?: string;
  readonly prettyName?: string;
  readonly codename?: string;
}

export interface ImageLayerInfo {
  /** Digest of the blob as stored (compressed for OCI layouts). */
  readonly digest: string;
  /** Digest of the uncompressed tar (rootfs.diff_ids in the image config). */
  readonly diffId: string;
  readonly size: number;
  /** The config history line that created the layer, when the image records it. */
  readonly createdBy?: string;
}

/** What is known about the image itself (absent when a plain directory was scanned). */
export interface ImageInfo {
  readonly name: string;
  readonly manifestDigest?: string;
  readonly configDigest: string;
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
  readonly created?: string;
  readonly layers: readonly ImageLayerInfo[];
  readonly repoTags: readonly string[];
}

/** Everything found in one target: the input of the SBOM writers and of vulnerability matching. */
export interface Inventory {
  /** The target as the user named it. */
  readonly target: string;
  readonly image?: ImageInfo;
  readonly os?: OperatingSystem;
  /** Sorted by ecosystem, name, version, file. */
  readonly packages: readonly Package[];
  readonly problems: readonly Problem[];
}

/** A secret found in an image: in a file of some layer (deleted later or not) or in its config. Never the value itself. */
export interface ImageSecret {
  readonly rule: string;
  readonly title: string;
  readonly severity: 'critical' | 'high' | 'medium';
  /** Where: a file (with the layer that holds it) or a part of the image configuration. */
  readonly place: 'file' | 'env' | 'label' | 'history';
  readonly path?: string;
  /** 1-based line in the file, or 1-based index of the entry in the configuration's list. */
  readonly line?: number;
  /**
   * 1-based column of the value's first character in its line or configuration entry (UTF-16
   * code units): two values on one line with the same redaction are told apart by it.
   */
  readonly column?: number;
  /** For a label: its key (labels are a map: their index says nothing to a reader). */
  readonly label?: string;
  readonly layer?: string;
  /** The file is gone from the final file system (deleted by a later layer) but still in the image. */
  readonly deleted?: boolean;
  /** How many times the same value occurs in the file or entry, when more than once (reported once, at its first place). */
  readonly occurrences?: number;
  /**
   * Present on the one entry that stands for a rule's values past the listing limit: how many
   * distinct values it counts (found, not listed); line and column are the first one's.
   */
  readonly unlisted?: number;
  /** The first characters of the value and its length (src/lib/redact.ts), never the value. */
  readonly redacted: string;
}

/**
 * Where a secret is, for messages: a file's place (secretFilePlace), or the configuration entry
 * ("env #2, column 19", "label com.example.token, column 21"; labels by key, as they are a map).
 */
export function secretPlace(secret: ImageSecret): string {
  if (secret.place === 'file') return secretFilePlace(secret);
  const entry = secret.label === undefined ? `${secret.place} #${String(secret.line ?? 0)}` : `label ${secret.label}`;
  return `${entry}${secret.column === undefined ? '' : `, column ${String(secret.column)}`}`;
}

/** How many distinct values a secret entry stands for: one, or the values an unlisted entry counts. */
export function secretValueCount(secret: ImageSecret): number {
  return secret.unlisted ?? 1;
}

/**
 * Where a secret found in a file is, for messages: the path, `:line:column` when the secret has
 * them (a binary key store has none), and a note when a later layer deleted the file.
 */
export function secretFilePlace(secret: ImageSecret): string {
  const column = secret.line === undefined || secret.column === undefined ? '' : `:${String(secret.column)}`;
  const line = secret.line === undefined ? '' : `:${String(secret.line)}${column}`;
  return `${secret.path ?? ''}${line}${secret.deleted === true ? ' (deleted by a later layer, still in the image)' : ''}`;
}
