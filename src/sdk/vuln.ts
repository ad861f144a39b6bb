/**
 * Vulnerability SDK: the advisory store (`palisade db ...`) and matching of installed packages.
 * Every function takes the store path as `db`; the default is the user's cache directory.
 */
import {
  defaultStorePath,
  importAdvisories,
  matchPackages,
  storeStatus,
  type DistroRelease,
  type ImportResult,
  type MatchablePackage,
  type MatchResult,
  type StoreStatus,
} from '../vuln/index.js';
import { type UpdateResult, updateStore } from '../vuln/update/index.js';
import type { DownloadProgress } from '../vuln/update/download.js';

export interface DbOptions {
  /** Store file; default $XDG_CACHE_HOME/palisade/db.sqlite (or ~/.cache/palisade/db.sqlite). */
  readonly db?: string;
}

export function dbPath(options: DbOptions = {}): string {
  return options.db ?? defaultStorePath();
}

export interface DbImportOptions extends DbOptions {
  /** Source name; re-importing a name replaces its records (default: the absolute input path). */
  readonly name?: string;
  readonly onProgress?: (documents: number, records: number) => void;
}

/** Imports OSV (directory, .json, .jsonl, zip), Debian tracker / DSA / DLA and Alpine secdb data. */
export function dbImport(path: string, options: DbImportOptions = {}): Promise<ImportResult> {
  return importAdvisories(dbPath(options), path, {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
}

export interface DbUpdateOptions extends DbOptions {
  readonly source: string;
  readonly sha256?: string;
  readonly publicKey?: string;
  readonly onProgress?: (progress: DownloadProgress) => void;
}

/** Downloads a feed, verifies its sha256 (and signature when a key is given), imports it atomically. */
export function dbUpdate(options: DbUpdateOptions): Promise<UpdateResult> {
  return updateStore(dbPath(options), {
    source: options.source,
    ...(options.sha256 === undefined ? {} : { sha256: options.sha256 }),
    ...(options.publicKey === undefined ? {} : { publicKey: options.publicKey }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
}

export function dbStatus(options: DbOptions & { readonly now?: Date } = {}): StoreStatus {
  return storeStatus(dbPath(options), options.now);
}

export interface MatchVulnerabilitiesOptions extends DbOptions {
  /** The scanned system (os-release); required to match OS packages. */
  readonly os?: DistroRelease;
}

/** Matches packages (the model's Package satisfies MatchablePackage) against the store. */
export function matchVulnerabilities(packages: readonly MatchablePackage[], options: MatchVulnerabilitiesOptions = {}): MatchResult {
  return matchPackages(dbPath(options), packages, options.os === undefined ? {} : { os: options.os });
}

/** VEX: load OpenVEX / CycloneDX VEX documents and mark the findings they cover as suppressed. */
export { applyVex, loadVex, parseVex, type VexDocument, type VexStatement, type VexStatus } from '../vuln/index.js';

export type { DistroRelease, DownloadProgress, ImportResult, MatchablePackage, MatchResult, StoreStatus, UpdateResult };
export type { Fix, MatchEvidence, MatchedPackage, SourceStatus, VulnerabilityMatch, VulnSeverity, SeveritySource, ScoredVector } from '../vuln/index.js';
