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
  /**
   * The path a path names once symlinks are followed (undefined when nothing is there), for an
   * analyzer whose database may sit at two paths that are one file in usr-merged images.
   */
  readonly realPath?: (path: string) => string | undefined;
  /** The current content of a file some analyzer's `alsoReads` asked for (following symlinks). */
  readonly read?: (path: string) => Buffer | undefined;
  /**
   * Reports one malformed record the analyzer skipped while listing the file's other packages, as
   * package managers themselves do (rpm: "rpmdbNextIterator: skipping h#..."). The message names
   * the record. An analyzer that can skip records does so only when `warn` is given: without it a
   * malformed record fails the whole file, so no caller loses packages without being told.
   */
  readonly warn?: (message: string) => void;
  /** Reports a database cut at MAX_PACKAGES_PER_DATABASE (a code of its own); `warn` when not given. */
  readonly limitReached?: (message: string) => void;
}

export interface Analyzer {
  readonly id: string;
  readonly title: string;
  /**
   * Called for every file in every layer with its permission bits: keep it cheap (string and bit
   * tests, no I/O). The mode lets binary analyzers take executables wherever they are.
   */
  readonly matches: (path: string, mode: number) => boolean;
  /** Parses one version of one file. Throws (message only) on a malformed file; see `warn` for a malformed record. */
  readonly parse: (file: { readonly path: string; readonly content: Buffer }, context: AnalyzerContext) => readonly FoundPackage[];
  /**
   * For large binary files (executables, Java archives): called while the layer streams, it keeps
   * only what `parse` needs, so the image's binaries are never held in memory together. Contract:
   * `parse(condense(x))` finds the same packages as `parse(x)`; undefined means nothing of interest.
   */
  readonly condense?: (file: { readonly path: string; readonly content: Buffer }) => Buffer | undefined;
  /**
   * For a file too large to buffer even once: reads what it needs from the stream (the caller
   * drains the rest). Same contract as `condense`.
   */
  readonly condenseStream?: (file: { readonly path: string; readonly size: number }, chunks: AsyncIterable<Buffer>) => Promise<Buffer | undefined>;
  /** Further files the analyzer reads through `context.read` (e.g. dpkg copyright files). */
  readonly alsoReads?: (path: string) => boolean;
}

/** A problem the analyzer wants to report without failing (e.g. an unsupported database format). */
export class UnsupportedFormat extends Error {}

/**
 * More packages than any distribution has (Debian's archive has about 70,000 binary packages per
 * architecture, Alpine's about 30,000): a database listing more is hostile, and reading on would
 * only spend memory (a 60 MB apk database of tiny records is 7 million packages).
 */
export const MAX_PACKAGES_PER_DATABASE = 100_000;

/** Says the rest of a database is not read; without `warn`, the file fails as malformed. */
export function packageLimitReached(context: AnalyzerContext): void {
  const message = `more than ${String(MAX_PACKAGES_PER_DATABASE)} packages listed, more than any distribution has: the rest are not read`;
  const report = context.limitReached ?? context.warn;
  if (report === undefined) throw new Error(message);
  report(message);
}
