/**
 * Running the analyzers over a merged file system and dating each package: a database file
 * rewritten by several layers keeps every version, and a package is credited to the earliest layer
 * from which it stays present in every later version (the layer that added it, not the last layer
 * that happened to rewrite the database).
 */
import type { ImageInfo, Inventory, Package } from '../model/package.js';
import type { Problem } from '../model/problem.js';
import { type Analyzer, type AnalyzerContext, type FoundPackage, UnsupportedFormat } from './analyzer.js';
import { detectOs, isOsReleasePath } from './os-release.js';
import { analyzerProblem } from './problems.js';

/** The part of the image file system the analyzers need (RootFs provides it). */
export interface InventoryFiles {
  files(): Iterable<{ readonly path: string; readonly node: { readonly mode: number; readonly versions: readonly { readonly layer: number; readonly content: Buffer }[] } }>;
  read(path: string): Buffer | undefined;
  resolve(path: string): { readonly path: string } | undefined;
}

export interface InventoryInput {
  readonly target: string;
  readonly files: InventoryFiles;
  /** Digest of each layer by index; empty for a plain directory. */
  readonly layerDigests: readonly string[];
  readonly image?: ImageInfo;
  readonly problems?: readonly Problem[];
}

/** The path filter for the image reader: os-release plus every analyzer's own filters. */
export function wantedBy(analyzers: readonly Analyzer[]): (path: string, mode?: number) => boolean {
  return (path, mode = 0) => isOsReleasePath(path) || analyzers.some((a) => a.matches(path, mode) || a.alsoReads?.(path) === true);
}

/**
 * What the image reader keeps of a wanted file: a file only condensing analyzers want is condensed
 * as it streams (the contract makes that lossless for them); a file a plain analyzer also wants
 * is kept whole, and the condensing ones then read it raw. Several analyzers wanting the same file
 * (the binary analyzers and executables) condense it only when they share one condenser.
 */
export function condenserFor(analyzers: readonly Analyzer[]): (path: string, mode: number, content: Buffer) => Buffer | undefined {
  return (path, mode, content) => {
    const users = analyzers.filter((a) => a.matches(path, mode) || a.alsoReads?.(path) === true);
    const [only, ...more] = users;
    if (isOsReleasePath(path) || only?.condense === undefined || more.some((a) => a.condense !== only.condense) || users.some((a) => a.alsoReads?.(path) === true)) return content;
    try {
      return only.condense({ path, content });
    } catch {
      // A file the condenser cannot make sense of is kept whole: parse will report it.
      return content;
    }
  };
}

/** For files over the buffering limit: the one condensing analyzer that can read them as a stream. */
export function streamCondenserFor(analyzers: readonly Analyzer[]): (path: string, mode: number) => ((size: number, chunks: AsyncIterable<Buffer>) => Promise<Buffer | undefined>) | undefined {
  return (path, mode) => {
    if (isOsReleasePath(path)) return undefined;
    const users = analyzers.filter((a) => a.matches(path, mode) || a.alsoReads?.(path) === true);
    const [only, ...more] = users;
    const condenseStream = only?.condenseStream;
    if (condenseStream === undefined || more.some((a) => a.condenseStream !== condenseStream)) return undefined;
    return (size, chunks) => condenseStream({ path, size }, chunks).catch(() => undefined);
  };
}

export function takeInventory(input: InventoryInput, analyzers: readonly Analyzer[]): Inventory {
  const os = detectOs((path) => input.files.read(path));
  const context: AnalyzerContext = {
    ...(os === undefined ? {} : { os }),
    exists: (path) => input.files.resolve(path) !== undefined,
    realPath: (path) => input.files.resolve(path)?.path,
    read: (path) => input.files.read(path),
  };
  const packages: Package[] = [];
  const problems: Problem[] = [...(input.problems ?? [])];
  for (const { path, node } of input.files.files()) {
    if (node.versions.length === 0) continue;
    for (const analyzer of analyzers) {
      if (!analyzer.matches(path, node.mode)) continue;
      const skipped = skippedRecords(`${analyzer.title}: `, `${input.target}:${path}`);
      try {
        packages.push(...analyzeFile(analyzer, path, node.versions, { ...context, warn: skipped.warn, limitReached: skipped.limitReached }, input.layerDigests));
        problems.push(...skipped.problems());
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        problems.push(error instanceof UnsupportedFormat
          ? analyzerProblem('analyzer-unsupported', message, `${input.target}:${path}`)
          : analyzerProblem('analyzer-failed', `${analyzer.title}: ${message}`, `${input.target}:${path}`));
      }
    }
  }
  packages.sort(comparePackages);
  return { target: input.target, ...(input.image === undefined ? {} : { image: input.image }), ...(os === undefined ? {} : { os }), packages, problems };
}

/** Named skipped records per file: a hostile file could hold millions of broken ones. */
const MAX_SKIPPED_NAMED = 20;

/**
 * Collects an analyzer's skipped records for one file, naming the first few and counting the
 * rest, and the cut of a database listing more packages than any distribution has.
 */
function skippedRecords(prefix: string, file: string): { warn: (message: string) => void; limitReached: (message: string) => void; problems: () => Problem[] } {
  const named: Problem[] = [];
  let more = 0;
  let limit: Problem | undefined;
  return {
    warn: (message) => {
      if (named.length < MAX_SKIPPED_NAMED) named.push(analyzerProblem('analyzer-record-skipped', `${prefix}${message}`, file));
      else more += 1;
    },
    limitReached: (message) => {
      limit ??= analyzerProblem('analyzer-limit', `${prefix}${message}`, file);
    },
    problems: () => [...named, ...(more === 0 ? [] : [analyzerProblem('analyzer-record-skipped', `${prefix}${String(more)} more malformed records skipped`, file)]), ...(limit === undefined ? [] : [limit])],
  };
}

function analyzeFile(analyzer: Analyzer, path: string, versions: readonly { layer: number; content: Buffer }[], context: AnalyzerContext, layerDigests: readonly string[]): Package[] {
  const last = versions.at(-1);
  if (last === undefined) return [];
  const found = analyzer.parse({ path, content: last.content }, context);
  // For each earlier version (newest first), the packages it already had; a package dates from the
  // oldest version of an unbroken run that reaches the current one.
  const origin = new Map<string, number>(found.map((p) => [keyOf(p), last.layer]));
  for (let i = versions.length - 2; i >= 0 && origin.size > 0; i -= 1) {
    const version = versions[i];
    if (version === undefined) break;
    let earlier: Set<string>;
    try {
      // Its skipped records are no longer in the image: only the current version's are reported.
      earlier = new Set(analyzer.parse({ path, content: version.content }, { ...context, warn: ignore }).map(keyOf));
    } catch {
      // A malformed older version ends every run: the current one is what matters.
      break;
    }
    let extended = false;
    for (const [key, layer] of origin) {
      if (layer === (versions[i + 1]?.layer ?? -1) && earlier.has(key)) {
        origin.set(key, version.layer);
        extended = true;
      }
    }
    if (!extended) break;
  }
  return found.map((p) => {
    const digest = layerDigests[origin.get(keyOf(p)) ?? last.layer];
    return { ...p, file: path, analyzer: analyzer.id, ...(digest === undefined ? {} : { layer: digest }) };
  });
}

function ignore(): void {
  // An older version's malformed records: see analyzeFile.
}

function keyOf(p: FoundPackage): string {
  return `${p.name}\u0000${p.version}\u0000${p.arch ?? ''}`;
}

function comparePackages(a: Package, b: Package): number {
  return cmp(a.ecosystem, b.ecosystem) || cmp(a.name, b.name) || cmp(a.version, b.version) || cmp(a.file, b.file);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
