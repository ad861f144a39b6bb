/**
 * The BerkeleyDB hash database rpm used up to 4.15 (/var/lib/rpm/Packages: CentOS/RHEL 7 and 8,
 * Amazon Linux 2, SLES 12, older Fedora): key = header number (uint32), value = the header.
 * Read the way rpm's own read-only backend (lib/backend/bdb_ro.c) reads it, without libdb:
 *
 *   page 0, the hash metadata: magic 0x061561 (in the writer's byte order, which every other
 *     integer follows), version 8-10, page size, last page, max bucket and the 32 "spares" that
 *     map a bucket to its page (page = bucket + spares[bit length of bucket])
 *   hash pages (type 2 or 13): a 26-byte page header (page number at 8, next page at 16, entry
 *     count at 20, type at 25), then the entries' offsets; entries alternate key and value, and
 *     run down from the page end, so an entry's length is the distance to the previous one.
 *     An entry is on the page (type 1: the bytes follow) or on overflow pages (type 3: first
 *     page and total length), whose chain (type 7) holds its length at 22 and data from 26.
 *
 * Every bucket is walked with its chain of overflow buckets. The file is untrusted: every page
 * must lie inside it and carry its own number, a page is visited at most once (no cycles), and the
 * values together can never claim more bytes than the file holds.
 */
import { UnsupportedFormat } from '../analyzer.js';
import type { HeaderRecord } from './record.js';

export class RpmBdbError extends Error {}
/** A problem confined to one value (its overflow chain), not to the file's structure. */
class RpmBdbRecordError extends RpmBdbError {}

const HASH_MAGIC = 0x061561;
const BTREE_MAGIC = 0x053162;
const PAGE_HEADER_SIZE = 26;
const PAGE_TYPE = { HASH_UNSORTED: 2, OVERFLOW: 7, HASH_META: 8, HASH: 13 } as const;
const ITEM = { KEYDATA: 1, OFFPAGE: 3 } as const;

/** The file with its byte order and geometry, and what has been read of it so far. */
class BdbFile {
  readonly #content: Buffer;
  readonly #little: boolean;
  readonly pageSize: number;
  readonly #lastPage: number;
  readonly #visited = new Set<number>();
  #bytesOut = 0;

  constructor(content: Buffer, little: boolean) {
    this.#content = content;
    this.#little = little;
    this.pageSize = this.u32(content, 20);
    if (this.pageSize < 512 || this.pageSize > 65_536 || (this.pageSize & (this.pageSize - 1)) !== 0) {
      throw new RpmBdbError(`page size ${String(this.pageSize)} is not a BerkeleyDB page size`);
    }
    this.#lastPage = this.u32(content, 32);
    if ((this.#lastPage + 1) * this.pageSize > content.length) {
      throw new RpmBdbError(`the metadata claims ${String(this.#lastPage + 1)} pages of ${String(this.pageSize)} bytes but the file has ${String(content.length)} bytes: truncated?`);
    }
  }

  u32(buffer: Buffer, at: number): number {
    return this.#little ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at);
  }

  u16(buffer: Buffer, at: number): number {
    return this.#little ? buffer.readUInt16LE(at) : buffer.readUInt16BE(at);
  }

  /** Page `number`, checked to lie in the file, to carry its own number and to be read only once. */
  page(number: number, allowed: readonly number[]): Buffer {
    if (number === 0 || number > this.#lastPage) throw new RpmBdbError(`a link points to page ${String(number)}, outside pages 1-${String(this.#lastPage)}`);
    if (this.#visited.has(number)) throw new RpmBdbError(`page ${String(number)} is reached twice: the page links form a cycle`);
    this.#visited.add(number);
    const page = this.#content.subarray(number * this.pageSize, (number + 1) * this.pageSize);
    if (this.u32(page, 8) !== number) throw new RpmBdbError(`page ${String(number)} carries the number ${String(this.u32(page, 8))}`);
    const type = page[25] ?? 0;
    if (!allowed.includes(type)) throw new RpmBdbError(`page ${String(number)} has type ${String(type)}, not ${allowed.join(' or ')}`);
    return page;
  }

  /** Accounts for bytes handed out: all values together fit in the file, whatever the links say. */
  take(length: number): void {
    this.#bytesOut += length;
    if (this.#bytesOut > this.#content.length) throw new RpmBdbError('the entries claim more bytes than the file holds');
  }
}

export function* readBdbHeaders(content: Buffer): Generator<HeaderRecord> {
  // A file without the hash magic is a format this reader does not know (a btree, another
  // BerkeleyDB access method, something else): unsupported rather than malformed.
  const magicLe = content.length < 512 ? 0 : content.readUInt32LE(12);
  const magicBe = content.length < 512 ? 0 : content.readUInt32BE(12);
  if (magicLe === BTREE_MAGIC || magicBe === BTREE_MAGIC) throw new UnsupportedFormat('the rpm BerkeleyDB database is a btree, not the hash database rpm keeps its headers in; its packages are not inventoried');
  if (magicLe !== HASH_MAGIC && magicBe !== HASH_MAGIC) throw new UnsupportedFormat('the rpm Packages file is not a BerkeleyDB hash database (no hash magic); its packages are not inventoried');
  const file = new BdbFile(content, magicLe === HASH_MAGIC);
  const version = file.u32(content, 16);
  if (version < 8 || version > 10) throw new RpmBdbError(`hash version ${String(version)} is not one BerkeleyDB 4 or 5 writes (8-10)`);
  const maxBucket = file.u32(content, 72);
  const spares = Array.from({ length: 32 }, (_, i) => file.u32(content, 96 + i * 4));
  if (maxBucket >= content.length / file.pageSize) throw new RpmBdbError(`the metadata claims ${String(maxBucket + 1)} buckets, more than the file has pages`);
  for (let bucket = 0; bucket <= maxBucket; bucket++) {
    let number = bucket + (spares[bitLength(bucket)] ?? 0);
    while (number !== 0) {
      const page = file.page(number, [PAGE_TYPE.HASH, PAGE_TYPE.HASH_UNSORTED, PAGE_TYPE.HASH_META]);
      // Values are read one at a time, as they are consumed: only one overflow value is held.
      yield* pageRecords(file, page, number);
      number = file.u32(page, 16);
    }
  }
}

/** Number of bits needed to write `n` (0 for 0): the splitpoint a bucket belongs to. */
function bitLength(n: number): number {
  return n === 0 ? 0 : 32 - Math.clz32(n);
}

function* pageRecords(file: BdbFile, page: Buffer, number: number): Generator<HeaderRecord> {
  const entries = file.u16(page, 20);
  if (PAGE_HEADER_SIZE + entries * 2 > file.pageSize) throw new RpmBdbError(`page ${String(number)} claims ${String(entries)} entries, more than fit a page`);
  const offset = (i: number): number => file.u16(page, PAGE_HEADER_SIZE + i * 2);
  for (let i = 0; i + 1 < entries; i += 2) {
    const keyAt = offset(i);
    const valueAt = offset(i + 1);
    const keyEnd = i === 0 ? file.pageSize : offset(i - 1);
    if (keyAt >= keyEnd || valueAt >= keyAt || keyEnd > file.pageSize) throw new RpmBdbError(`page ${String(number)}: entry ${String(i)} has offsets out of order or past the page`);
    const key = item(file, page, keyAt, keyEnd, number);
    // Header number 0 is rpm's counter of the last header number, not a header.
    if (key.length === 4 && file.u32(key, 0) === 0) continue;
    if (key.length !== 4) throw new RpmBdbError(`page ${String(number)}: a ${String(key.length)}-byte key is not a header number`);
    yield valueRecord(file, `key ${String(file.u32(key, 0))}`, () => item(file, page, valueAt, keyAt, number));
  }
}

/**
 * A header value; a broken overflow chain loses only its own package, as a header rpm cannot
 * read does. The byte budget and the visited pages stay shared, so skipping cannot loop or grow.
 */
function valueRecord(file: BdbFile, location: string, read: () => Buffer): HeaderRecord {
  try {
    return { location, blob: read() };
  } catch (error) {
    if (error instanceof RpmBdbRecordError) return { location, broken: error.message };
    throw error;
  }
}

/** One key or value: the bytes after its type on the page, or its chain of overflow pages. */
function item(file: BdbFile, page: Buffer, start: number, end: number, number: number): Buffer {
  const type = page[start];
  if (type === ITEM.KEYDATA) {
    file.take(end - start - 1);
    return page.subarray(start + 1, end);
  }
  if (type !== ITEM.OFFPAGE || end - start !== 12) throw new RpmBdbError(`page ${String(number)}: an entry of type ${String(type)} is neither inline data nor an overflow reference`);
  const length = file.u32(page, start + 8);
  // Over budget, the file as a whole lies about its sizes: that is not one record's problem.
  file.take(length);
  try {
    return overflowValue(file, file.u32(page, start + 4), length);
  } catch (error) {
    if (error instanceof RpmBdbError) throw new RpmBdbRecordError(error.message);
    throw error;
  }
}

/** The `length` bytes of an overflow chain starting at page `next`. */
function overflowValue(file: BdbFile, first: number, length: number): Buffer {
  let next = first;
  const value = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const overflow = file.page(next, [PAGE_TYPE.OVERFLOW]);
    const chunk = file.u16(overflow, 22);
    if (chunk === 0 || chunk > length - filled || PAGE_HEADER_SIZE + chunk > file.pageSize) {
      throw new RpmBdbError(`overflow page ${String(next)} holds ${String(chunk)} bytes, which does not fit the ${String(length)}-byte entry`);
    }
    overflow.copy(value, filled, PAGE_HEADER_SIZE, PAGE_HEADER_SIZE + chunk);
    filled += chunk;
    next = file.u32(overflow, 16);
  }
  return value;
}
