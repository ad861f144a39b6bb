/**
 * What identifies the Java packages in an archive (jar, war, ear and the nested jars of fat jars,
 * `WEB-INF/lib/*.jar`, `BOOT-INF/lib/*.jar`): the pom.properties Maven writes under
 * META-INF/maven/GROUP/ARTIFACT/, and META-INF/MANIFEST.MF. Nested archives are read from memory
 * (never extracted), with limits on depth, entry count and inflated bytes, so a zip bomb or a
 * jar-in-jar loop costs bounded work.
 *
 * The condensed form keeps exactly this metadata (as JSON after a marker line), so the analyzer can
 * drop the archive itself while the layer streams.
 */
import { isZip, readEntry, zipEntries, ZipError } from './zip.js';

export interface ArchiveMeta {
  /** Path of the archive, nested ones as OUTER!/INNER. */
  readonly path: string;
  readonly manifest?: string;
  readonly poms: readonly string[];
  readonly nested: readonly ArchiveMeta[];
}

export const LIMITS = {
  depth: 4,
  entries: 65_536,
  /** A metadata file is a few hundred bytes. */
  metadataBytes: 256 * 1024,
  /** A nested jar is inflated into memory to be read. */
  nestedBytes: 64 * 1024 * 1024,
  /** Inflated bytes over the whole archive, nested ones included. */
  totalBytes: 256 * 1024 * 1024,
};

const CONDENSED_MARKER = 'palisade-java-archive-metadata\n';
/** A malformed archive condenses to its error, so it is reported without being kept in memory. */
const ERROR_MARKER = 'palisade-java-archive-error\n';
const NESTED = /\.(?:jar|war|ear|sar|par|jpi|hpi|kar)$/i;
const POM = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;

export function readArchive(path: string, bytes: Buffer): ArchiveMeta {
  if (bytes.subarray(0, CONDENSED_MARKER.length).toString('latin1') === CONDENSED_MARKER) {
    return JSON.parse(bytes.subarray(CONDENSED_MARKER.length).toString('utf8')) as ArchiveMeta;
  }
  if (bytes.subarray(0, ERROR_MARKER.length).toString('latin1') === ERROR_MARKER) {
    throw new ZipError(bytes.subarray(ERROR_MARKER.length).toString('utf8'));
  }
  if (!isZip(bytes)) throw new ZipError('not a zip archive');
  return collect(path, bytes, 0, { inflated: 0 });
}

/** The metadata parse needs, or the error reading the archive gave (parse throws it again). */
export function condenseArchive(path: string, bytes: Buffer): Buffer {
  try {
    return condensedMeta(readArchive(path, bytes));
  } catch (error) {
    return condensedError(error);
  }
}

export function condensedMeta(meta: ArchiveMeta): Buffer {
  return Buffer.from(`${CONDENSED_MARKER}${JSON.stringify(meta)}`);
}

export function condensedError(error: unknown): Buffer {
  return Buffer.from(`${ERROR_MARKER}${error instanceof Error ? error.message : String(error)}`);
}

/** An entry of an archive by name, read on demand within a limit (from memory or from a stream). */
export interface ArchiveEntry {
  readonly name: string;
  readonly read: (maxBytes: number) => Buffer;
}

/** The most bytes of an entry worth reading: metadata, or nested archives above the depth limit; undefined for the rest. */
export function entryLimit(name: string, depth: number): number | undefined {
  if (name === 'META-INF/MANIFEST.MF' || POM.test(name)) return LIMITS.metadataBytes;
  return NESTED.test(name) && depth < LIMITS.depth ? LIMITS.nestedBytes : undefined;
}

function collect(path: string, bytes: Buffer, depth: number, budget: { inflated: number }): ArchiveMeta {
  const entries = zipEntries(bytes, LIMITS.entries).map((entry) => ({ name: entry.name, read: (max: number) => readEntry(bytes, entry, max) }));
  return collectEntries(path, entries, depth, budget);
}

/** The metadata of one archive from its entries, nested archives read from memory. */
export function collectEntries(path: string, entries: readonly ArchiveEntry[], depth: number, budget: { inflated: number }): ArchiveMeta {
  const builder = new MetaBuilder(path, depth, budget);
  for (const entry of entries) builder.add(entry);
  return builder.finish();
}

/**
 * Builds an archive's metadata entry by entry: what an entry holds is read when it is added (a
 * nested archive is reduced to its own metadata at once, so its bytes can go), and the result is
 * in entry-name order whatever the order of adding.
 */
export class MetaBuilder {
  private readonly found: { name: string; manifest?: string; pom?: string; nested?: ArchiveMeta }[] = [];

  constructor(private readonly path: string, private readonly depth: number, private readonly budget: { inflated: number }) {}

  add(entry: ArchiveEntry): void {
    const limit = entryLimit(entry.name, this.depth);
    if (limit === undefined) return;
    const data = entry.read(limit);
    this.budget.inflated += data.length;
    if (this.budget.inflated > LIMITS.totalBytes) throw new ZipError(`inflates to more than ${LIMITS.totalBytes} bytes`);
    if (entry.name === 'META-INF/MANIFEST.MF') this.found.push({ name: entry.name, manifest: data.toString('utf8') });
    else if (POM.test(entry.name)) this.found.push({ name: entry.name, pom: data.toString('utf8') });
    // Something named .jar that is not a zip (a placeholder, a signature) holds no packages.
    else if (isZip(data)) this.found.push({ name: entry.name, nested: collect(`${this.path}!/${entry.name}`, data, this.depth + 1, this.budget) });
  }

  finish(): ArchiveMeta {
    const sorted = [...this.found].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const manifest = sorted.findLast((f) => f.manifest !== undefined)?.manifest;
    const poms = sorted.flatMap((f) => (f.pom === undefined ? [] : [f.pom]));
    const nested = sorted.flatMap((f) => (f.nested === undefined ? [] : [f.nested]));
    return { path: this.path, ...(manifest === undefined ? {} : { manifest }), poms, nested };
  }
}
