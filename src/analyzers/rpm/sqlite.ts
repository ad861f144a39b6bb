/**
 * rpm's SQLite backend (rpm >= 4.16; Fedora 33+, RHEL 9, Amazon Linux 2023): rpmdb.sqlite holds
 * one row per installed package in `Packages(hnum INTEGER PRIMARY KEY, blob BLOB)`, the blob being
 * the package's header. The other tables are indexes rpm rebuilds from the headers.
 *
 * The file is opened from memory (better-sqlite3 deserializes a Buffer), never written to disk.
 * Two adjustments make that possible: SQLite refuses to open a deserialized database marked as
 * WAL, so the bytes it copies are marked as a rollback-journal database (file format bytes
 * 18-19), and the committed frames of rpmdb.sqlite-wal, when the image has one, are folded in
 * first (sqlite-wal.ts). The -shm file is only a cache of the log's index: nothing in it is needed.
 * Headers are fetched one row at a time as they are decoded.
 *
 * The database comes from the image, so it is distrusted: Packages must be a plain table whose
 * blob column is stored (a view, a virtual table or a generated column could compute unbounded
 * data), the schema is not trusted to run functions, and every blob's length is checked against
 * the file size before the blob is read.
 */
import Database from 'better-sqlite3';
import type { HeaderRecord } from './record.js';
import { applyWal } from './sqlite-wal.js';

export class RpmSqliteError extends Error {}

const SQLITE_MAGIC = 'SQLite format 3\0';

export function* readSqliteHeaders(content: Buffer, wal?: Buffer): Generator<HeaderRecord> {
  if (content.length < 100 || content.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new RpmSqliteError('the file is not a SQLite database (bad magic)');
  }
  const db = open(wal === undefined ? content : applyWal(content, wal));
  try {
    yield* readPackages(db, content.length + (wal?.length ?? 0));
  } catch (error) {
    if (error instanceof RpmSqliteError) throw error;
    throw new RpmSqliteError(`SQLite cannot read the Packages table: ${messageOf(error)}`);
  } finally {
    db.close();
  }
}

/**
 * better-sqlite3 copies the bytes into SQLite's own memory, so the rollback-journal marking is
 * made on the caller's buffer only for the moment of the copy (this is synchronous), instead of
 * on a third copy of a database that can be tens of MB.
 */
function open(image: Buffer): Database.Database {
  const read = image[18] ?? 0;
  const write = image[19] ?? 0;
  image[18] = 1;
  image[19] = 1;
  try {
    return new Database(image, { readonly: true });
  } catch (error) {
    throw new RpmSqliteError(`SQLite cannot open the database: ${messageOf(error)}`);
  } finally {
    image[18] = read;
    image[19] = write;
  }
}

function* readPackages(db: Database.Database, fileSize: number): Generator<HeaderRecord> {
  // Nothing in the schema may run code of the file's choosing while we read.
  db.pragma('trusted_schema = OFF');
  const kind = db.prepare("SELECT type, sql FROM sqlite_schema WHERE name = 'Packages'").get() as { type: string; sql: string | null } | undefined;
  if (kind === undefined) throw new RpmSqliteError('the database has no Packages table (is it an rpm database?)');
  if (kind.type !== 'table') throw new RpmSqliteError(`Packages is a ${kind.type}, not a table`);
  if (/^\s*CREATE\s+VIRTUAL\b/i.test(kind.sql ?? '')) throw new RpmSqliteError('Packages is a virtual table, not a stored one');
  const columns = db.prepare("SELECT name, hidden FROM pragma_table_xinfo('Packages')").all() as { name: string; hidden: number }[];
  const blobColumn = columns.find((c) => c.name === 'blob');
  if (blobColumn === undefined || !columns.some((c) => c.name === 'hnum')) throw new RpmSqliteError('the Packages table lacks its hnum or blob column');
  if (blobColumn.hidden !== 0) throw new RpmSqliteError('the Packages blob column is computed, not stored');
  // First pass: length() of a blob reads only its record header, so the sizes are known to fit
  // inside the file (stored data cannot be larger) before any blob is read. Both passes iterate
  // rather than collect: a hostile file can hold millions of tiny rows.
  let total = 0;
  for (const row of db.prepare('SELECT length(blob) AS size FROM Packages').iterate() as IterableIterator<{ size: number | null }>) {
    total += row.size ?? 0;
    if (total > fileSize) throw new RpmSqliteError('the Packages blobs claim more bytes than the database file holds');
  }
  // Second pass: one blob at a time, decoded by the caller before the next is fetched.
  // A row whose blob is not a blob (text, a number, NULL) loses only its own package.
  for (const row of db.prepare('SELECT hnum, blob, typeof(blob) AS kind FROM Packages ORDER BY rowid').iterate() as IterableIterator<{ hnum: unknown; blob: unknown; kind: string }>) {
    const location = `hnum ${String(row.hnum)}`;
    yield Buffer.isBuffer(row.blob) ? { location, blob: row.blob } : { location, broken: `the header is a ${row.kind}, not a blob` };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
