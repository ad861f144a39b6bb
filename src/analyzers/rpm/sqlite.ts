/**
 * rpm's SQLite backend (rpm >= 4.16; Fedora 33+, RHEL 9, Amazon Linux 2023): rpmdb.sqlite holds
 * one row per installed package in `Packages(hnum INTEGER PRIMARY KEY, blob BLOB)`, the blob being
 * the package's header. The other tables are indexes rpm rebuilds from the headers.
 *
 * The file is opened from memory (better-sqlite3 deserializes a Buffer), never written to disk.
 * Two adjustments make that possible: SQLite refuses to open a deserialized database marked as
 * WAL, so the copy is marked as a rollback-journal database (file format bytes 18-19), and the
 * committed frames of rpmdb.sqlite-wal, when the image has one, are folded in first (sqlite-wal.ts).
 * The -shm file is only a cache of the log's index: nothing in it is needed.
 *
 * The database comes from the image, so it is distrusted: Packages must be a plain table whose
 * blob column is stored (a view or a generated column could compute unbounded data), and every
 * blob's length is checked against the file size before the blob is read.
 */
import Database from 'better-sqlite3';
import type { HeaderRecord } from './record.js';
import { applyWal } from './sqlite-wal.js';

export class RpmSqliteError extends Error {}

const SQLITE_MAGIC = 'SQLite format 3\0';

export function readSqliteHeaders(content: Buffer, wal?: Buffer): HeaderRecord[] {
  if (content.length < 100 || content.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new RpmSqliteError('the file is not a SQLite database (bad magic)');
  }
  const image = Buffer.from(wal === undefined ? content : applyWal(content, wal));
  // Legacy (rollback journal) read and write versions: WAL-marked images cannot be deserialized.
  image[18] = 1;
  image[19] = 1;
  let db: Database.Database;
  try {
    db = new Database(image, { readonly: true });
  } catch (error) {
    throw new RpmSqliteError(`SQLite cannot open the database: ${messageOf(error)}`);
  }
  try {
    return readPackages(db, image.length);
  } catch (error) {
    if (error instanceof RpmSqliteError) throw error;
    throw new RpmSqliteError(`SQLite cannot read the Packages table: ${messageOf(error)}`);
  } finally {
    db.close();
  }
}

function readPackages(db: Database.Database, fileSize: number): HeaderRecord[] {
  const kind = db.prepare("SELECT type FROM sqlite_schema WHERE name = 'Packages'").get() as { type: string } | undefined;
  if (kind === undefined) throw new RpmSqliteError('the database has no Packages table (is it an rpm database?)');
  if (kind.type !== 'table') throw new RpmSqliteError(`Packages is a ${kind.type}, not a table`);
  const columns = db.prepare("SELECT name, hidden FROM pragma_table_xinfo('Packages')").all() as { name: string; hidden: number }[];
  const blobColumn = columns.find((c) => c.name === 'blob');
  if (blobColumn === undefined || !columns.some((c) => c.name === 'hnum')) throw new RpmSqliteError('the Packages table lacks its hnum or blob column');
  if (blobColumn.hidden !== 0) throw new RpmSqliteError('the Packages blob column is computed, not stored');
  // length() of a blob reads only its record header; the blobs themselves are fetched once the
  // sizes are known to fit inside the file (stored data cannot be larger than the file).
  const sizes = db.prepare('SELECT rowid AS id, hnum, length(blob) AS size, typeof(blob) AS kind FROM Packages ORDER BY rowid').all() as { id: number; hnum: unknown; size: number | null; kind: string }[];
  let total = 0;
  for (const row of sizes) {
    if (row.kind !== 'blob') throw new RpmSqliteError(`hnum ${String(row.hnum)}: the header is a ${row.kind}, not a blob`);
    total += row.size ?? 0;
    if (total > fileSize) throw new RpmSqliteError('the Packages blobs claim more bytes than the database file holds');
  }
  const fetch = db.prepare('SELECT blob FROM Packages WHERE rowid = ?').pluck();
  return sizes.map((row) => ({ location: `hnum ${String(row.hnum)}`, blob: fetch.get(row.id) as Buffer }));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
