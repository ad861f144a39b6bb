/**
 * The condensed form of an executable, kept while its layer streams in place of the whole file:
 * several binary analyzers (Go build info, cargo-auditable) want the same executables, and each
 * keeps only a small record, so one file holds all their records, tagged. The layout is private
 * to Palisade (it never leaves the process): a magic, then per record a one-byte tag length, the
 * tag, a 32-bit big-endian length and the bytes. Reading is bounds-checked all the same, since a
 * file in an image could start with the magic.
 */

const MAGIC = Buffer.from('\u0000palisade:exe:1\u0000', 'latin1');

export function encodeRecords(records: ReadonlyMap<string, Buffer>): Buffer {
  const parts: Buffer[] = [MAGIC];
  for (const [tag, bytes] of records) {
    const name = Buffer.from(tag, 'latin1');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(Buffer.from([name.length]), name, length, bytes);
  }
  return Buffer.concat(parts);
}

/** The records of a condensed file; undefined when `bytes` is not one (a whole executable). */
export function decodeRecords(bytes: Buffer): ReadonlyMap<string, Buffer> | undefined {
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const records = new Map<string, Buffer>();
  let at = MAGIC.length;
  while (at < bytes.length) {
    const tagLength = bytes[at] ?? 0;
    const lengthAt = at + 1 + tagLength;
    if (lengthAt + 4 > bytes.length) return undefined;
    const length = bytes.readUInt32BE(lengthAt);
    const start = lengthAt + 4;
    if (start + length > bytes.length) return undefined;
    records.set(bytes.subarray(at + 1, lengthAt).toString('latin1'), bytes.subarray(start, start + length));
    at = start + length;
  }
  return records;
}

/**
 * What one analyzer reads from a file it was given: its own record of a condensed file (undefined
 * when the executable had none), else the file itself.
 */
export function recordOrWhole(content: Buffer, tag: string): Buffer | undefined {
  const records = decodeRecords(content);
  return records === undefined ? content : records.get(tag);
}
