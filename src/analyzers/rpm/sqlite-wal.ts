/**
 * Folding a SQLite write-ahead log into its database image, in memory (the "WAL file format"
 * section of https://www.sqlite.org/fileformat2.html). rpm opens rpmdb.sqlite in WAL mode; the
 * log is normally checkpointed and emptied when rpm exits, but an image layer can be committed
 * while rpm -- or a crashed rpm -- left committed transactions in rpmdb.sqlite-wal. SQLite would
 * apply them when opening the file, so the inventory must too.
 *
 * Only frames up to the last valid commit frame count, exactly as SQLite recovers a log: a frame
 * is valid when its salts match the log header's and its cumulative checksum is right; the first
 * invalid frame ends the log.
 */

const WAL_HEADER_SIZE = 32;
const FRAME_HEADER_SIZE = 24;
/** The low bit of the magic says whether checksums read the log's words big-endian. */
const MAGIC_LITTLE = 0x377f0682;
const MAGIC_BIG = 0x377f0683;

export class WalError extends Error {}

/** The database's page size from its header (bytes 16-17; the value 1 means 65536). */
export function databasePageSize(db: Buffer): number {
  if (db.length < 100) throw new WalError('the database is shorter than its 100-byte header');
  const raw = db.readUInt16BE(16);
  return raw === 1 ? 65_536 : raw;
}

/**
 * The database with the log's committed pages written in. `wal` may be empty (nothing to apply).
 * The result never grows beyond the database plus the log: every page it gains comes from a frame.
 */
export function applyWal(db: Buffer, wal: Buffer): Buffer {
  if (wal.length < WAL_HEADER_SIZE) return db;
  const magic = wal.readUInt32BE(0);
  if (magic !== MAGIC_LITTLE && magic !== MAGIC_BIG) return db; // not a log SQLite would replay
  const bigEndian = magic === MAGIC_BIG;
  const pageSize = wal.readUInt32BE(8);
  if (pageSize !== databasePageSize(db)) return db; // SQLite ignores a log of another page size
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let sum = checksum(wal, 0, 24, [0, 0], bigEndian);
  if (sum[0] !== wal.readUInt32BE(24) || sum[1] !== wal.readUInt32BE(28)) return db;

  const frameSize = FRAME_HEADER_SIZE + pageSize;
  const pending: { page: number; at: number }[] = [];
  const committed: { page: number; at: number }[] = [];
  let pagesAfterCommit = 0;
  for (let at = WAL_HEADER_SIZE; at + frameSize <= wal.length; at += frameSize) {
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    sum = checksum(wal, at, 8, sum, bigEndian);
    sum = checksum(wal, at + FRAME_HEADER_SIZE, pageSize, sum, bigEndian);
    if (sum[0] !== wal.readUInt32BE(at + 16) || sum[1] !== wal.readUInt32BE(at + 20)) break;
    const page = wal.readUInt32BE(at);
    if (page === 0) break;
    pending.push({ page, at: at + FRAME_HEADER_SIZE });
    const commitSize = wal.readUInt32BE(at + 4);
    if (commitSize !== 0) {
      committed.push(...pending.splice(0));
      pagesAfterCommit = commitSize;
    }
  }
  if (committed.length === 0) return db;
  const size = pagesAfterCommit * pageSize;
  if (size > db.length + wal.length) throw new WalError(`the log commits a ${String(size)}-byte database, larger than the database and log together`);
  const result = Buffer.alloc(size);
  db.copy(result, 0, 0, Math.min(db.length, size));
  for (const { page, at } of committed) {
    const offset = (page - 1) * pageSize;
    // A page past the committed size was truncated away by the commit itself.
    if (offset + pageSize <= size) wal.copy(result, offset, at, at + pageSize);
  }
  return result;
}

/** SQLite's WAL checksum: Fibonacci-weighted sums of 32-bit words, continued from `seed`. */
function checksum(buffer: Buffer, start: number, length: number, seed: readonly [number, number], bigEndian: boolean): [number, number] {
  let s0 = seed[0];
  let s1 = seed[1];
  for (let at = start; at + 8 <= start + length; at += 8) {
    const x0 = bigEndian ? buffer.readUInt32BE(at) : buffer.readUInt32LE(at);
    const x1 = bigEndian ? buffer.readUInt32BE(at + 4) : buffer.readUInt32LE(at + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}
