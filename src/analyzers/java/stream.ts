/**
 * A Java archive too large to buffer (a Spring Boot fat jar of 100 MB), read as it streams: the
 * central directory is at the end, so entries are found by their local headers in order (APPNOTE
 * 4.3.7), and only the ones the analyzer reads (entryLimit: MANIFEST.MF, pom.properties, nested
 * archives) are kept, each within its limit; the rest passes by. An entry whose sizes follow its
 * data (flag bit 3, what java.util.zip.ZipOutputStream writes for deflated entries) ends at the
 * data descriptor whose compressed size equals the bytes since the data started. Nested archives
 * are then read from memory as usual, so the result is what readArchive gives for the whole file.
 */
import { type ArchiveMeta, MetaBuilder, entryLimit } from './archive.js';
import { CENTRAL, LOCAL, ZipError, inflateEntry, zip64Sizes } from './zip.js';

const DESCRIPTOR = 0x08074b50;
/**
 * Entries pass by without being kept, so the count costs time only: uber-jars such as
 * aws-java-sdk-bundle (ZIP64, well over the 65,536 entries the in-memory reader lists) are read.
 */
const MAX_STREAMED_ENTRIES = 1 << 20;
const DESCRIPTOR_SIGNATURE = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
const HAS_DESCRIPTOR = 0x08;

/** Pulls bytes from the stream: a small head for parsing, chunks dropped as they pass. */
class StreamBytes {
  private buffered: Buffer = Buffer.alloc(0);
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(chunks: AsyncIterable<Buffer>) {
    this.iterator = chunks[Symbol.asyncIterator]();
  }

  /** At least n bytes buffered, unless the stream ends first. */
  async fill(n: number): Promise<Buffer> {
    const parts = [this.buffered];
    let have = this.buffered.length;
    while (have < n) {
      const next = await this.iterator.next();
      if (next.done === true) break;
      parts.push(next.value);
      have += next.value.length;
    }
    if (parts.length > 1) this.buffered = Buffer.concat(parts);
    return this.buffered;
  }

  take(n: number): Buffer {
    const taken = this.buffered.subarray(0, n);
    this.buffered = this.buffered.subarray(n);
    return taken;
  }

  /** n bytes, kept when `keep`, else dropped as they pass. */
  async pass(n: number, keep: boolean): Promise<Buffer | undefined> {
    const kept: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const buffer = await this.fill(1);
      if (buffer.length === 0) throw new ZipError('truncated archive');
      const part = this.take(Math.min(left, buffer.length));
      if (keep) kept.push(part);
      left -= part.length;
    }
    return keep ? Buffer.concat(kept) : undefined;
  }
}

interface LocalHeader {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly zip64: boolean;
}

/** The archive's metadata read from its stream, as readArchive reads it from memory. */
export async function readArchiveStream(path: string, chunks: AsyncIterable<Buffer>): Promise<ArchiveMeta> {
  const stream = new StreamBytes(chunks);
  const builder = new MetaBuilder(path, 0, { inflated: 0 });
  for (let count = 0; ; count += 1) {
    const head = await stream.fill(4);
    if (head.length < 4) throw new ZipError('truncated archive (no central directory)');
    const signature = head.readUInt32LE(0);
    // The central directory follows the last entry: every entry has been seen.
    if (signature === CENTRAL) break;
    if (signature !== LOCAL) throw new ZipError(count === 0 ? 'not a zip archive' : `no local header where entry ${count + 1} should start`);
    if (count >= MAX_STREAMED_ENTRIES) throw new ZipError(`more than ${MAX_STREAMED_ENTRIES} entries`);
    const header = await localHeader(stream);
    const limit = entryLimit(header.name, 0);
    const data = await entryData(stream, header, limit);
    // Read at once: a nested archive's bytes are dropped as soon as its metadata is taken.
    if (data !== undefined) builder.add({ name: header.name, read: (max) => inflateEntry(header.name, header.method, data, header.size, max) });
  }
  return builder.finish();
}

async function localHeader(stream: StreamBytes): Promise<LocalHeader> {
  const fixed = await stream.fill(30);
  if (fixed.length < 30) throw new ZipError('truncated local header');
  const flags = fixed.readUInt16LE(6);
  const method = fixed.readUInt16LE(8);
  const nameLength = fixed.readUInt16LE(26);
  const extraLength = fixed.readUInt16LE(28);
  const whole = await stream.fill(30 + nameLength + extraLength);
  if (whole.length < 30 + nameLength + extraLength) throw new ZipError('truncated local header');
  const bytes = stream.take(30 + nameLength + extraLength);
  const name = bytes.subarray(30, 30 + nameLength).toString('utf8');
  const extra = bytes.subarray(30 + nameLength);
  const declared = { size: bytes.readUInt32LE(22), compressedSize: bytes.readUInt32LE(18), localHeader: 0 };
  const zip64 = declared.size === 0xffffffff || declared.compressedSize === 0xffffffff;
  const { size, compressedSize } = zip64 ? zip64Sizes(extra, declared) : declared;
  return { name, method, flags, compressedSize, size, zip64 };
}

/** The entry's stored bytes, kept (up to `limit`) when wanted, passed over otherwise. */
async function entryData(stream: StreamBytes, header: LocalHeader, limit: number | undefined): Promise<Buffer | undefined> {
  const keep = limit !== undefined;
  if (keep && header.size > limit) throw new ZipError(`${header.name} has ${header.size} bytes, over the limit of ${limit}`);
  if ((header.flags & HAS_DESCRIPTOR) === 0 || header.compressedSize !== 0) {
    if (keep && header.compressedSize > limit) throw new ZipError(`${header.name} has ${header.compressedSize} bytes, over the limit of ${limit}`);
    const data = await stream.pass(header.compressedSize, keep);
    if ((header.flags & HAS_DESCRIPTOR) !== 0) await skipDescriptor(stream, header.zip64);
    return data;
  }
  return dataBeforeDescriptor(stream, header, limit);
}

/** A descriptor after data of known length: optional signature, CRC, then both sizes. */
async function skipDescriptor(stream: StreamBytes, zip64: boolean): Promise<void> {
  const head = await stream.fill(4);
  const signed = head.length >= 4 && head.readUInt32LE(0) === DESCRIPTOR;
  await stream.pass((signed ? 4 : 0) + 4 + (zip64 ? 16 : 8), false);
}

/**
 * Data whose length only its descriptor gives: the first "PK\x07\x08" whose compressed-size field
 * equals the bytes before it ends the data. Bytes are dropped as soon as no descriptor can start in
 * them, so an entry passed over costs no memory whatever its size.
 */
async function dataBeforeDescriptor(stream: StreamBytes, header: LocalHeader, limit: number | undefined): Promise<Buffer | undefined> {
  const descriptorLength = header.zip64 ? 24 : 16;
  const kept: Buffer[] = [];
  let before = 0;
  for (;;) {
    const buffer = await stream.fill(descriptorLength + 1);
    if (buffer.length < descriptorLength) throw new ZipError(`${header.name}: truncated (no data descriptor)`);
    for (let at = buffer.indexOf(DESCRIPTOR_SIGNATURE); at !== -1 && at + descriptorLength <= buffer.length; at = buffer.indexOf(DESCRIPTOR_SIGNATURE, at + 1)) {
      const size = header.zip64 ? Number(buffer.readBigUInt64LE(at + 8)) : buffer.readUInt32LE(at + 8);
      if (size === before + at) {
        const last = stream.take(at);
        stream.take(descriptorLength);
        if (limit === undefined) return undefined;
        if (size > limit) throw new ZipError(`${header.name} has ${size} bytes, over the limit of ${limit}`);
        return Buffer.concat([...kept, last]);
      }
    }
    // The last descriptorLength - 1 bytes may begin a descriptor the next chunk completes.
    const safe = buffer.length - (descriptorLength - 1);
    const part = stream.take(safe);
    before += safe;
    if (limit !== undefined) {
      if (before > limit) throw new ZipError(`${header.name} has more than ${limit} bytes, over the limit`);
      kept.push(part);
    }
  }
}
