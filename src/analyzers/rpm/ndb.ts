/**
 * rpm's own "ndb" backend (SUSE since 15 SP3 / Leap 15.3, and rpm --rebuilddb targets): the
 * package headers live in Packages.db, laid out as in rpm's lib/backend/ndb/rpmpkg.c. All
 * integers are little-endian; the file is counted in 16-byte blocks.
 *
 *   file header (32 bytes): "RpmP", version 0, generation, slot page count, next package index
 *   slot pages (4096 bytes each, the first one after the header): 16-byte slots of
 *     "Slot", package index, block offset, block count; block offset 0 = a free slot
 *   blobs (at their slot's block offset): "BlbS", package index, timestamp, length, the header,
 *     zero padding, then adler32, length, "BlbE" ending exactly at the slot's last block
 *
 * The checks are rpm's own (rpmpkgReadSlots, rpmpkgReadBlob): a slot table rpm would refuse is
 * refused here with the reason, and a blob rpm cannot read loses only its own package, as it does
 * for rpm; like rpm's reads, the adler32 is not verified. Blobs are views into
 * the file, never copies, so a hostile slot table cannot make this allocate.
 */
import type { HeaderRecord } from './record.js';

export class RpmNdbError extends Error {}

const magic = (text: string): number => Buffer.from(text, 'latin1').readUInt32LE(0);
const DB_MAGIC = magic('RpmP');
const SLOT_MAGIC = magic('Slot');
const BLOB_HEAD_MAGIC = magic('BlbS');
const BLOB_TAIL_MAGIC = magic('BlbE');

const DB_HEADER_SIZE = 32;
const PAGE_SIZE = 4096;
const SLOT_SIZE = 16;
const BLOCK_SIZE = 16;
const BLOB_HEAD_SIZE = 16;
const BLOB_TAIL_SIZE = 12;

interface Slot {
  readonly packageIndex: number;
  readonly blockOffset: number;
  readonly blockCount: number;
}

export function readNdbHeaders(content: Buffer): HeaderRecord[] {
  if (content.length < DB_HEADER_SIZE || content.readUInt32LE(0) !== DB_MAGIC) throw new RpmNdbError('the file is not an rpm ndb database (bad magic)');
  const version = content.readUInt32LE(4);
  if (version !== 0) throw new RpmNdbError(`ndb version ${String(version)} is not the version 0 rpm writes`);
  if (content.length % BLOCK_SIZE !== 0) throw new RpmNdbError(`the file size ${String(content.length)} is not a multiple of the ${String(BLOCK_SIZE)}-byte block: truncated?`);
  return slotsOf(content)
    .sort((a, b) => a.blockOffset - b.blockOffset) // rpm lists packages in file order
    .map((slot) => recordOf(content, slot));
}

/** A slot's blob; a broken blob loses only its own package (rpmpkgReadBlob fails for it alone). */
function recordOf(content: Buffer, slot: Slot): HeaderRecord {
  const location = `package index ${String(slot.packageIndex)}`;
  try {
    return { location, blob: blobOf(content, slot) };
  } catch (error) {
    if (error instanceof RpmNdbError) return { location, broken: error.message };
    throw error;
  }
}

function slotsOf(content: Buffer): Slot[] {
  const pages = content.readUInt32LE(12);
  if (pages === 0 || pages > content.length / PAGE_SIZE) {
    throw new RpmNdbError(`the header claims ${String(pages)} slot pages but the file holds ${String(Math.floor(content.length / PAGE_SIZE))} pages`);
  }
  const fileBlocks = content.length / BLOCK_SIZE;
  const firstBlobBlock = pages * (PAGE_SIZE / BLOCK_SIZE);
  const slots: Slot[] = [];
  const seen = new Set<number>();
  for (let at = DB_HEADER_SIZE; at < pages * PAGE_SIZE; at += SLOT_SIZE) {
    if (content.readUInt32LE(at) !== SLOT_MAGIC) throw new RpmNdbError(`slot at byte ${String(at)} lacks its "Slot" magic`);
    const blockOffset = content.readUInt32LE(at + 8);
    if (blockOffset === 0) continue; // a free slot
    const slot = { packageIndex: content.readUInt32LE(at + 4), blockOffset, blockCount: content.readUInt32LE(at + 12) };
    const where = `slot at byte ${String(at)}`;
    if (slot.blockOffset + slot.blockCount > fileBlocks) throw new RpmNdbError(`${where} points past the end of the file: truncated database`);
    if (slot.packageIndex === 0 || slot.blockCount === 0 || slot.blockOffset < firstBlobBlock) throw new RpmNdbError(`${where} is malformed (package index 0, no blocks, or a blob inside the slot pages)`);
    if (seen.has(slot.packageIndex)) throw new RpmNdbError(`${where}: two slots claim package index ${String(slot.packageIndex)}`);
    seen.add(slot.packageIndex);
    slots.push(slot);
  }
  return slots;
}

function blobOf(content: Buffer, slot: Slot): Buffer {
  const start = slot.blockOffset * BLOCK_SIZE;
  const end = start + slot.blockCount * BLOCK_SIZE;
  if (end - start < BLOB_HEAD_SIZE + BLOB_TAIL_SIZE) throw new RpmNdbError(`${String(slot.blockCount)} blocks cannot hold a blob`);
  if (content.readUInt32LE(start) !== BLOB_HEAD_MAGIC || content.readUInt32LE(start + 4) !== slot.packageIndex) {
    throw new RpmNdbError(`the blob at block ${String(slot.blockOffset)} lacks its "BlbS" head or names another package`);
  }
  const length = content.readUInt32LE(start + 12);
  if (slot.blockCount !== Math.ceil((BLOB_HEAD_SIZE + length + BLOB_TAIL_SIZE) / BLOCK_SIZE)) {
    throw new RpmNdbError(`a ${String(length)}-byte blob does not fill its ${String(slot.blockCount)} blocks`);
  }
  const tail = end - BLOB_TAIL_SIZE;
  if (content.readUInt32LE(tail + 4) !== length || content.readUInt32LE(tail + 8) !== BLOB_TAIL_MAGIC) {
    throw new RpmNdbError(`the blob's "BlbE" tail is missing or disagrees on its length`);
  }
  return content.subarray(start + BLOB_HEAD_SIZE, start + BLOB_HEAD_SIZE + length);
}
