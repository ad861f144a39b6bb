/**
 * One condenser for every binary analyzer, since they all want the same executables: it keeps the
 * Go build info (go/buildinfo.ts) and the cargo-auditable section (cargo/audit-section.ts) of an
 * executable as tagged records (condensed.ts) and drops the rest of the file. A section that is
 * malformed is kept as its error message, so the analyzer reports it without the file being held.
 */
import { auditSection } from '../cargo/audit-section.js';
import { encodeBuildInfo, readBuildInfo, readBuildInfoStream } from '../go/buildinfo.js';
import { encodeRecords } from './condensed.js';
import { isExecutableImage } from './executable.js';

export const GO_BUILDINFO_RECORD = 'go.buildinfo';
export const CARGO_AUDIT_RECORD = 'cargo.dep-v0';
export const CARGO_AUDIT_ERROR_RECORD = 'cargo.dep-v0.error';

/** A bare Go build info blob (what older condensed forms were) starts with this byte. */
const GO_BLOB_START = 0xff;

export function condenseExecutable(file: { readonly path: string; readonly content: Buffer }): Buffer | undefined {
  const content = file.content;
  if (!isExecutableImage(content.subarray(0, 4)) && content[0] !== GO_BLOB_START) return undefined;
  const records = new Map<string, Buffer>();
  const go = readBuildInfo(content);
  if (go !== undefined) records.set(GO_BUILDINFO_RECORD, encodeBuildInfo(go));
  try {
    const section = auditSection(content);
    if (section !== undefined) records.set(CARGO_AUDIT_RECORD, section);
  } catch (error) {
    records.set(CARGO_AUDIT_ERROR_RECORD, Buffer.from(error instanceof Error ? error.message : String(error)));
  }
  // encodeRecords copies: nothing kept points into the file's buffer.
  return records.size === 0 ? undefined : encodeRecords(records);
}

/**
 * For an executable too large to buffer: the Go build info of Go 1.18+ binaries is found from the
 * head and a window at the data start. The cargo-auditable section is not: ELF names its sections
 * in a table at the end of the file, after the section has streamed past.
 */
export async function condenseExecutableStream(_file: { readonly path: string; readonly size: number }, chunks: AsyncIterable<Buffer>): Promise<Buffer | undefined> {
  const info = await readBuildInfoStream(chunks);
  return info === undefined ? undefined : encodeRecords(new Map([[GO_BUILDINFO_RECORD, encodeBuildInfo(info)]]));
}
