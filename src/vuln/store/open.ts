/** Opening an existing store for reading, refusing files that are not a store of this schema. */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PalisadeError } from '../../core/errors.js';
import { vulnProblem } from '../problems.js';
import { SCHEMA_VERSION } from './schema.js';

export type StoreDatabase = Database.Database;

export function openStore(path: string): StoreDatabase {
  if (!existsSync(path)) throw new PalisadeError(vulnProblem('db-missing', `no advisory store at ${path}`, path));
  let db: StoreDatabase;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new PalisadeError(vulnProblem('db-invalid', `cannot open ${path}: ${message(error)}`, path));
  }
  checkSchema(db, path);
  // Lookups jump around a file of 100+ MB: map it instead of paging through a 2 MB cache.
  db.pragma('mmap_size = 1073741824');
  db.pragma('cache_size = -65536');
  return db;
}

/** Throws a located problem unless `db` is a store of SCHEMA_VERSION. */
export function checkSchema(db: StoreDatabase, path: string): void {
  let version: unknown;
  try {
    version = (db.prepare('SELECT version FROM schema_version').get() as { version?: unknown } | undefined)?.version;
  } catch (error) {
    db.close();
    throw new PalisadeError(vulnProblem('db-invalid', `${path} is not an advisory store: ${message(error)}`, path));
  }
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new PalisadeError(vulnProblem('db-schema', `${path} has schema version ${String(version)}, this Palisade reads ${SCHEMA_VERSION}`, path));
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
