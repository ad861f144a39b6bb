/**
 * The analyzer contract: declarative metadata, a cheap path filter (only the files it accepts are
 * read into memory while layers stream by), and one pure function from a file's bytes to packages.
 */
import type { OperatingSystem, Package } from '../model/package.js';

/** What an analyzer reports for one package; the runner adds the file, layer and analyzer id. */
export type FoundPackage = Omit<Package, 'file' | 'layer' | 'analyzer'>;

export interface AnalyzerContext {
  readonly os?: OperatingSystem;
  /** Whether a path exists in the image (following symlinks), for analyzers that defer to another. */
  readonly exists: (path: string) => boolean;
}

export interface Analyzer {
  readonly id: string;
  readonly title: string;
  /** Called for every file path in every layer: keep it cheap (string tests, no I/O). */
  readonly matches: (path: string) => boolean;
  /** Parses one version of one file. Throws (message only) on a malformed file. */
  readonly parse: (file: { readonly path: string; readonly content: Buffer }, context: AnalyzerContext) => readonly FoundPackage[];
}

/** A problem the analyzer wants to report without failing (e.g. an unsupported database format). */
export class UnsupportedFormat extends Error {}
