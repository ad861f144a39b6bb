/**
 * Reading an rpm database, whichever backend wrote it: the backend is the file's name (rpm's
 * _db_backend picks it and names the file), and each backend reader yields header blobs that
 * header.ts decodes and package-info.ts interprets.
 */
import { readBdbHeaders } from './bdb.js';
import { parseHeader, RpmHeaderError } from './header.js';
import { readNdbHeaders } from './ndb.js';
import { packageInfo, type RpmPackageInfo } from './package-info.js';
import type { HeaderRecord } from './record.js';
import { readSqliteHeaders } from './sqlite.js';

export type { RpmPackageInfo } from './package-info.js';

/** rpm's database directories: /var/lib/rpm (classic), /usr/lib/sysimage/rpm (Fedora 36+, SUSE). */
export const RPM_DATABASE = /^\/(?:var\/lib\/rpm|usr\/lib\/sysimage\/rpm)\/(?:Packages|Packages\.db|rpmdb\.sqlite)$/;
/** The SQLite write-ahead log beside rpmdb.sqlite. */
export const WAL_SUFFIX = '-wal';

type Backend = 'sqlite' | 'ndb' | 'bdb';

function backendOf(path: string): Backend {
  if (path.endsWith('/rpmdb.sqlite')) return 'sqlite';
  if (path.endsWith('/Packages.db')) return 'ndb';
  return 'bdb';
}

/** Every package header in the database at `path`; `read` gives sibling files (the SQLite log). */
export function readRpmDatabase(path: string, content: Buffer, read?: (path: string) => Buffer | undefined): RpmPackageInfo[] {
  const records = headerRecords(backendOf(path), path, content, read);
  return records.map((record) => {
    try {
      return packageInfo(parseHeader(record.blob));
    } catch (error) {
      // One broken header makes the whole database suspect: say which record it was.
      if (error instanceof RpmHeaderError) throw new RpmHeaderError(`${record.location}: ${error.message}`);
      throw error;
    }
  });
}

function headerRecords(backend: Backend, path: string, content: Buffer, read?: (path: string) => Buffer | undefined): HeaderRecord[] {
  switch (backend) {
    case 'sqlite': return readSqliteHeaders(content, read?.(`${path}${WAL_SUFFIX}`));
    case 'ndb': return readNdbHeaders(content);
    case 'bdb': return readBdbHeaders(content);
  }
}
