/**
 * Packs header blobs into an ndb Packages.db, the layout of rpm's rpmpkg.c that ndb.ts reads:
 * a 32-byte header, enough 4096-byte slot pages for one slot per blob, then the blobs, each with
 * its "BlbS" head and its adler32/length/"BlbE" tail, padded to 16-byte blocks. It is the
 * container of a condensed database (condense.ts).
 */

const PAGE_SIZE = 4096;
const SLOTS_PER_PAGE = PAGE_SIZE / 16;
/** The file header takes the first two slots of the first page. */
const HEADER_SLOTS = 2;

export function writeNdb(blobs: readonly Buffer[]): Buffer {
  const pages = Math.max(1, Math.ceil((blobs.length + HEADER_SLOTS) / SLOTS_PER_PAGE));
  const slots = Buffer.alloc(pages * PAGE_SIZE);
  for (let at = HEADER_SLOTS * 16; at < slots.length; at += 16) slots.write('Slot', at, 'latin1');
  slots.write('RpmP', 0, 'latin1');
  slots.writeUInt32LE(0, 4); // version
  slots.writeUInt32LE(1, 8); // generation
  slots.writeUInt32LE(pages, 12);
  slots.writeUInt32LE(blobs.length + 1, 16); // next package index
  const chunks: Buffer[] = [slots];
  let block = pages * (PAGE_SIZE / 16);
  blobs.forEach((blob, i) => {
    const index = i + 1;
    const blocks = Math.ceil((16 + blob.length + 12) / 16);
    const bytes = Buffer.alloc(blocks * 16);
    bytes.write('BlbS', 0, 'latin1');
    bytes.writeUInt32LE(index, 4);
    bytes.writeUInt32LE(blob.length, 12);
    blob.copy(bytes, 16);
    bytes.writeUInt32LE(adler32(bytes.subarray(0, bytes.length - 12)), bytes.length - 12);
    bytes.writeUInt32LE(blob.length, bytes.length - 8);
    bytes.write('BlbE', bytes.length - 4, 'latin1');
    const slot = (HEADER_SLOTS + i) * 16;
    slots.writeUInt32LE(index, slot + 4);
    slots.writeUInt32LE(block, slot + 8);
    slots.writeUInt32LE(blocks, slot + 12);
    chunks.push(bytes);
    block += blocks;
  });
  return Buffer.concat(chunks);
}

/** RFC 1950 adler32, which rpm keeps in each blob's tail over its head, data and padding. */
export function adler32(bytes: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65_521;
    b = (b + a) % 65_521;
  }
  return ((b << 16) | a) >>> 0;
}
