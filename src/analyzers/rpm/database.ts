/**
 * Reading an rpm database, whichever backend wrote it. The backend is recognised by the file's
 * magic rather than its name (rpm's _db_backend names the file, but the bytes are what count, and
 * a condensed database is an ndb file whatever its path): each backend reader yields header blobs
 * that header.ts decodes and package-info.ts interprets.
 */
import { MAX_PACKAGES_PER_DATABASE, UnsupportedFormat } from '../analyzer.js';
import { readBdbHeaders } from './bdb.js';
import { parseHeader, RpmHeaderError } from './header.js';
import { readNdbHeaders } from './ndb.js';
import { packageInfo, type RpmPackageInfo } from './package-info.js';
import type { HeaderRecord } from './record.js';
import { readSqliteHeaders } from './sqlite.js';

/**
 * rpm's database directories: /var/lib/rpm (classic), /usr/lib/sysimage/rpm (Fedora 36+, SUSE),
 * /usr/share/rpm (rpm-ostree systems: Fedora CoreOS, Silverblue, RHEL for Edge).
 */
const DIRECTORIES: readonly string[] = ['/var/lib/rpm', '/usr/lib/sysimage/rpm', '/usr/share/rpm'];
/** The file each backend writes: SQLite, ndb, BerkeleyDB. */
const FILES: readonly string[] = ['rpmdb.sqlite', 'Packages.db', 'Packages'];

export const RPM_DATABASE_PATHS: readonly string[] = DIRECTORIES.flatMap((dir) => FILES.map((file) => `${dir}/${file}`));

export function isRpmDatabasePath(path: string): boolean {
  const slash = path.lastIndexOf('/');
  return DIRECTORIES.includes(path.slice(0, slash)) && FILES.includes(path.slice(slash + 1));
}
/** The SQLite write-ahead log beside rpmdb.sqlite. */
export const WAL_SUFFIX = '-wal';

export type Backend = 'sqlite' | 'ndb' | 'bdb';

const BDB_MAGICS = new Set([0x061561, 0x053162]); // hash, btree (bdb.ts says which it reads)

export function backendOf(content: Buffer): Backend | undefined {
  if (content.length >= 16 && content.toString('latin1', 0, 16) === 'SQLite format 3\0') return 'sqlite';
  if (content.length >= 4 && content.toString('latin1', 0, 4) === 'RpmP') return 'ndb';
  if (content.length >= 16 && (BDB_MAGICS.has(content.readUInt32LE(12)) || BDB_MAGICS.has(content.readUInt32BE(12)))) return 'bdb';
  return undefined;
}

/** Told about each record that is skipped: where it sits ("hnum 12") and what is wrong with it. */
export type SkippedRecord = (location: string, reason: string) => void;

/**
 * Every package header in the database at `path`; `read` gives sibling files (the SQLite log).
 * A malformed header is skipped and reported to `skipped`, as rpm skips it ("rpmdbNextIterator:
 * skipping h#..."); without `skipped` it fails the whole database. A malformed file (its
 * structure, not one record) always throws. Past MAX_PACKAGES_PER_DATABASE packages reading
 * stops and `tooMany` is told (without it, the database fails).
 */
export function readRpmDatabase(path: string, content: Buffer, read?: (path: string) => Buffer | undefined, skipped?: SkippedRecord, tooMany?: () => void): RpmPackageInfo[] {
  // Records are decoded as the backend yields them, so only one header blob is held at a time.
  const packages: RpmPackageInfo[] = [];
  for (const record of headerRecords(path, content, read)) {
    // More than any distribution has (see MAX_PACKAGES_PER_DATABASE): the rest is not read.
    if (packages.length === MAX_PACKAGES_PER_DATABASE) {
      if (tooMany === undefined) throw new RpmHeaderError(`more than ${String(MAX_PACKAGES_PER_DATABASE)} packages listed, more than any distribution has`);
      tooMany();
      break;
    }
    const info = decode(record);
    if (typeof info !== 'string') packages.push(info);
    else if (skipped === undefined) throw new RpmHeaderError(`${record.location}: ${info}`);
    else skipped(record.location, info);
  }
  return packages;
}

/** The record's package, or why it has none. */
function decode(record: HeaderRecord): RpmPackageInfo | string {
  if ('broken' in record) return record.broken;
  try {
    return packageInfo(parseHeader(record.blob));
  } catch (error) {
    if (error instanceof RpmHeaderError) return error.message;
    throw error;
  }
}

function headerRecords(path: string, content: Buffer, read?: (path: string) => Buffer | undefined): Iterable<HeaderRecord> {
  switch (backendOf(content)) {
    case 'sqlite': return readSqliteHeaders(content, read?.(`${path}${WAL_SUFFIX}`));
    case 'ndb': return readNdbHeaders(content);
    case 'bdb': return readBdbHeaders(content);
    case undefined: throw new UnsupportedFormat(`${path} is not an rpm database format Palisade reads (SQLite, BerkeleyDB hash or ndb); its packages are not inventoried`);
  }
}
