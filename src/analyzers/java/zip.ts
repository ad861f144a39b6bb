/**
 * Reading a ZIP archive held in memory (APPNOTE.TXT): the end-of-central-directory record (and its
 * ZIP64 form), the central directory's entries, and an entry's bytes, stored or deflated. Written
 * here rather than taken from yauzl because analyzers are synchronous pure functions and yauzl is
 * callback-only. Every offset comes from the archive, so every read is bounds-checked, and inflation
 * is capped by the caller's limit (a zip bomb stops at the cap).
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeader: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
export const CENTRAL = 0x02014b50;
export const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

export class ZipError extends Error {}

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 22 && bytes.readUInt32LE(0) === LOCAL;
}

export function zipEntries(bytes: Buffer, maxEntries: number): ZipEntry[] {
  const end = findEnd(bytes);
  let count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new ZipError('ZIP64 archive without its locator');
    const record = Number(bytes.readBigUInt64LE(locator + 8));
    if (record < 0 || record + 56 > bytes.length || bytes.readUInt32LE(record) !== ZIP64_EOCD) throw new ZipError('bad ZIP64 end record');
    count = Number(bytes.readBigUInt64LE(record + 32));
    offset = Number(bytes.readBigUInt64LE(record + 48));
  }
  if (count > maxEntries) throw new ZipError(`more than ${maxEntries} entries`);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new ZipError('truncated central directory');
    const method = bytes.readUInt16LE(at + 10);
    let compressedSize = bytes.readUInt32LE(at + 20);
    let size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    let localHeader = bytes.readUInt32LE(at + 42);
    if (at + 46 + nameLength + extraLength > bytes.length) throw new ZipError('truncated central directory');
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeader === 0xffffffff) {
      ({ size, compressedSize, localHeader } = zip64Sizes(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), { size, compressedSize, localHeader }));
    }
    entries.push({ name, method, compressedSize, size, localHeader });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The ZIP64 extra field (id 1) holds, in order, only the values whose 32-bit field is saturated. */
export function zip64Sizes(extra: Buffer, values: { size: number; compressedSize: number; localHeader: number }): typeof values {
  const out = { ...values };
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length) throw new ZipError('short ZIP64 extra field');
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (out.size === 0xffffffff) out.size = next();
      if (out.compressedSize === 0xffffffff) out.compressedSize = next();
      if (out.localHeader === 0xffffffff) out.localHeader = next();
      return out;
    }
    at += 4 + length;
  }
  return out;
}

function findEnd(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - MAX_COMMENT);
  for (let at = bytes.length - 22; at >= lowest; at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  throw new ZipError('no end of central directory (not a zip archive, or truncated)');
}

/** The entry's bytes, refused beyond maxBytes (declared or actual). */
export function readEntry(bytes: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.size > maxBytes) throw new ZipError(`${entry.name} has ${entry.size} bytes, over the limit of ${maxBytes}`);
  const at = entry.localHeader;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) throw new ZipError(`${entry.name}: bad local header`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError(`${entry.name}: truncated`);
  return inflateEntry(entry.name, entry.method, bytes.subarray(start, end), entry.size, maxBytes);
}

/** An entry's data as stored (method 0) or deflated (method 8), inflated to at most maxBytes. */
export function inflateEntry(name: string, method: number, data: Buffer, size: number, maxBytes: number): Buffer {
  if (method === 0) return data;
  if (method !== 8) throw new ZipError(`${name}: compression method ${method} is not supported`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, Math.min(maxBytes, size === 0 ? maxBytes : size)) });
  } catch (error) {
    // zlib refuses to inflate past maxOutputLength: a bomb, or sizes that lied.
    if ((error as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE') throw new ZipError(`${name} inflates to more than ${maxBytes} bytes, over the limit`);
    throw new ZipError(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
