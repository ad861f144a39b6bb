/**
 * The binary rpm header as rpm's headerExport() writes it into every database backend (rpm's
 * doc/manual/format.md, "Header"): two big-endian int32s, the index entry count `il` and the data
 * store length `dl`, then `il` index entries of four big-endian int32s (tag, type, offset, count),
 * then the `dl`-byte data store the offsets point into. The 8-byte magic that precedes a header in
 * a package file is not stored in the database.
 *
 * Database blobs come from the image, so every read is bounds-checked against the blob, and a
 * value is decoded only when asked for: a hostile index costs nothing until one of its entries is
 * read, and then at most the bytes of the blob it lies in.
 */

/** A blob that is not a well-formed header: the database reader names the record it came from. */
export class RpmHeaderError extends Error {}

/** rpmTagType values (rpm's rpmtag.h) that this reader decodes. */
const TYPE = { INT32: 4, STRING: 6, STRING_ARRAY: 8, I18NSTRING: 9 } as const;

const ENTRY_SIZE = 16;
const PREAMBLE_SIZE = 8;
/**
 * rpm's own sanity limits (hdrchkTags, hdrchkData in header_internal.h): no real header comes near
 * them (a header has a few hundred tags at most), and refusing larger claims early keeps the
 * checks simple.
 */
const MAX_ENTRIES = 0xffff;
const MAX_DATA = 0x0fffffff;

interface IndexEntry {
  readonly type: number;
  readonly offset: number;
  readonly count: number;
}

export interface RpmHeader {
  /** A STRING (or the first, untranslated I18NSTRING) value; undefined when the tag is absent. */
  string(tag: number): string | undefined;
  /** A STRING_ARRAY or I18NSTRING value; undefined when the tag is absent. */
  strings(tag: number): readonly string[] | undefined;
  /** An INT32 array value; undefined when the tag is absent. */
  int32s(tag: number): readonly number[] | undefined;
}

export function parseHeader(blob: Buffer): RpmHeader {
  if (blob.length < PREAMBLE_SIZE) throw new RpmHeaderError(`header blob of ${String(blob.length)} bytes is shorter than its 8-byte preamble`);
  const il = blob.readUInt32BE(0);
  const dl = blob.readUInt32BE(4);
  if (il === 0 || il > MAX_ENTRIES) throw new RpmHeaderError(`header claims ${String(il)} index entries`);
  if (dl > MAX_DATA) throw new RpmHeaderError(`header claims a ${String(dl)}-byte data store`);
  const dataStart = PREAMBLE_SIZE + il * ENTRY_SIZE;
  if (dataStart + dl > blob.length) {
    throw new RpmHeaderError(`header claims ${String(il)} entries and ${String(dl)} data bytes but the blob has only ${String(blob.length)} bytes`);
  }
  return new HeaderView(blob.subarray(PREAMBLE_SIZE, dataStart), blob.subarray(dataStart, dataStart + dl));
}

/** The index is searched per tag asked for (a handful), never copied into a structure. */
class HeaderView implements RpmHeader {
  readonly #index: Buffer;
  readonly #data: Buffer;

  constructor(index: Buffer, data: Buffer) {
    this.#index = index;
    this.#data = data;
  }

  /**
   * The last entry of `tag`: rpm appends "dribble" entries (written after install) behind the
   * immutable region, and they replace a region entry of the same tag (hdrblobImport).
   */
  #entry(tag: number): IndexEntry | undefined {
    for (let at = this.#index.length - ENTRY_SIZE; at >= 0; at -= ENTRY_SIZE) {
      if (this.#index.readInt32BE(at) === tag) {
        return { type: this.#index.readUInt32BE(at + 4), offset: this.#index.readInt32BE(at + 8), count: this.#index.readUInt32BE(at + 12) };
      }
    }
    return undefined;
  }

  string(tag: number): string | undefined {
    const entry = this.#entry(tag);
    if (entry === undefined) return undefined;
    if (entry.type !== TYPE.STRING && entry.type !== TYPE.I18NSTRING) throw typeError(tag, entry, 'a string');
    return this.#stringsAt(tag, entry, 1)[0];
  }

  strings(tag: number): readonly string[] | undefined {
    const entry = this.#entry(tag);
    if (entry === undefined) return undefined;
    if (entry.type !== TYPE.STRING_ARRAY && entry.type !== TYPE.I18NSTRING) throw typeError(tag, entry, 'a string array');
    return this.#stringsAt(tag, entry, entry.count);
  }

  int32s(tag: number): readonly number[] | undefined {
    const entry = this.#entry(tag);
    if (entry === undefined) return undefined;
    if (entry.type !== TYPE.INT32) throw typeError(tag, entry, 'an int32');
    // rpm aligns int32 data on 4 bytes and rejects headers that do not (hdrchkAlign).
    if (entry.offset < 0 || entry.offset % 4 !== 0 || entry.count > (this.#data.length - entry.offset) / 4) {
      throw new RpmHeaderError(`tag ${String(tag)}: ${String(entry.count)} int32 values at offset ${String(entry.offset)} do not fit the ${String(this.#data.length)}-byte data store`);
    }
    const values: number[] = [];
    for (let i = 0; i < entry.count; i++) values.push(this.#data.readUInt32BE(entry.offset + i * 4));
    return values;
  }

  /** `count` NUL-terminated strings from the entry's offset, each inside the data store. */
  #stringsAt(tag: number, entry: IndexEntry, count: number): string[] {
    // Every string takes at least its NUL: a count larger than the bytes left is a lie, refused
    // before the loop so a hostile count costs nothing.
    if (entry.offset < 0 || entry.offset >= this.#data.length || count === 0 || count > this.#data.length - entry.offset) {
      throw new RpmHeaderError(`tag ${String(tag)}: ${String(count)} strings at offset ${String(entry.offset)} do not fit the ${String(this.#data.length)}-byte data store`);
    }
    const values: string[] = [];
    let at = entry.offset;
    for (let i = 0; i < count; i++) {
      const end = this.#data.indexOf(0, at);
      if (end < 0) throw new RpmHeaderError(`tag ${String(tag)}: string ${String(i)} at offset ${String(at)} is not terminated inside the data store`);
      values.push(this.#data.toString('utf8', at, end));
      at = end + 1;
    }
    return values;
  }
}

function typeError(tag: number, entry: IndexEntry, wanted: string): RpmHeaderError {
  return new RpmHeaderError(`tag ${String(tag)} has type ${String(entry.type)}, not ${wanted}`);
}
