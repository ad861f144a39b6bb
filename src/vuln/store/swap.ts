/**
 * Atomic replacement of the store. A new store is built in a temp file next to the old one (a copy
 * of it, so other sources survive) and renamed over it only once complete and flushed to disk:
 * readers see the old store or the new one, never a half-written file, and an import that fails
 * or is killed leaves at most a temp file, which the next import removes.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { PalisadeError } from '../../core/errors.js';
import { vulnProblem } from '../problems.js';
import { checkSchema, type StoreDatabase } from './open.js';
import { DROP_INDEX_SQL, INDEX_SQL, SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';

/** Builds a new store from the current one with `build`, then swaps it in. */
export async function rebuildStore<T>(path: string, build: (db: StoreDatabase) => Promise<T>): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const release = acquireLock(path);
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    removeStaleTemps(path);
    if (existsSync(path)) {
      const current = new Database(path, { readonly: true, fileMustExist: true });
      checkSchema(current, path); // never overwrite a file that is not a store of this schema
      current.close();
      copyFileSync(path, temp);
    }
    const db = new Database(temp);
    let result: T;
    try {
      prepareForBulkLoad(db);
      db.exec('BEGIN');
      result = await build(db);
      db.exec('COMMIT');
      db.exec(INDEX_SQL);
      db.pragma('journal_mode = DELETE');
      // Replacing a source leaves free pages; compact only then (VACUUM rewrites the whole file).
      if (Number(db.pragma('freelist_count', { simple: true })) > 0) db.exec('VACUUM');
    } finally {
      db.close();
    }
    flush(temp);
    renameSync(temp, path);
    flushDirectory(dirname(path));
    return result;
  } finally {
    rmSync(temp, { force: true });
    release();
  }
}

function prepareForBulkLoad(db: StoreDatabase): void {
  // The temp file is thrown away on any failure, so durability during the build buys nothing.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const hasSchema = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get() !== undefined;
  if (!hasSchema) {
    db.exec(SCHEMA_SQL);
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION);
  }
  db.exec(DROP_INDEX_SQL);
  db.exec('CREATE INDEX IF NOT EXISTS affected_advisory ON affected (advisory_id)');
}

function flush(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function flushDirectory(directory: string): void {
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  }
}

/** One import at a time per store: two concurrent copies would each drop the other's source. */
function acquireLock(path: string): () => void {
  const lock = `${path}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => {
        rmSync(lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (alive(readPid(lock))) break;
      rmSync(lock, { force: true }); // left by a killed import
    }
  }
  throw new PalisadeError(vulnProblem('db-busy', `${lock} is held by a running import (pid ${String(readPid(lock))})`, lock));
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temp files of imports that were killed (their pid is gone); we hold the lock, so none is live. */
function removeStaleTemps(path: string): void {
  const prefix = `${basename(path)}.tmp-`;
  for (const name of readdirSync(dirname(path))) {
    if (name.startsWith(prefix)) rmSync(join(dirname(path), name), { force: true });
  }
}
