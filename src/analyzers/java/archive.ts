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
    return Buffer.from(`${CONDENSED_MARKER}${JSON.stringify(readArchive(path, bytes))}`);
  } catch (error) {
    return Buffer.from(`${ERROR_MARKER}${error instanceof Error ? error.message : String(error)}`);
  }
}

function collect(path: string, bytes: Buffer, depth: number, budget: { inflated: number }): ArchiveMeta {
  const take = (size: number): void => {
    budget.inflated += size;
    if (budget.inflated > LIMITS.totalBytes) throw new ZipError(`inflates to more than ${LIMITS.totalBytes} bytes`);
  };
  let manifest: string | undefined;
  const poms: string[] = [];
  const nested: ArchiveMeta[] = [];
  for (const entry of zipEntries(bytes, LIMITS.entries).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name === 'META-INF/MANIFEST.MF') {
      const data = readEntry(bytes, entry, LIMITS.metadataBytes);
      take(data.length);
      manifest = data.toString('utf8');
    } else if (POM.test(entry.name)) {
      const data = readEntry(bytes, entry, LIMITS.metadataBytes);
      take(data.length);
      poms.push(data.toString('utf8'));
    } else if (NESTED.test(entry.name) && depth < LIMITS.depth) {
      const data = readEntry(bytes, entry, LIMITS.nestedBytes);
      take(data.length);
      // Something named .jar that is not a zip (a placeholder, a signature) holds no packages.
      if (isZip(data)) nested.push(collect(`${path}!/${entry.name}`, data, depth + 1, budget));
    }
  }
  return { path, ...(manifest === undefined ? {} : { manifest }), poms, nested };
}
