/** `palisade db status`: what the store holds and how old it is. */
import { statSync } from 'node:fs';
import { openStore } from './open.js';
import { SCHEMA_VERSION } from './schema.js';

export interface SourceStatus {
  readonly name: string;
  readonly kind: string;
  readonly location: string;
  readonly sha256?: string;
  readonly importedAt: string;
  /** Whole days since the import, by the injected clock. */
  readonly ageDays: number;
  readonly records: number;
  readonly skipped: number;
  readonly withdrawn: number;
}

export interface StoreStatus {
  readonly path: string;
  readonly schemaVersion: number;
  readonly sizeBytes: number;
  readonly advisories: number;
  /** Affected-package rows per version scheme (deb, apk, npm...). */
  readonly packagesByScheme: Readonly<Record<string, number>>;
  readonly sources: readonly SourceStatus[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function storeStatus(path: string, now: Date = new Date()): StoreStatus {
  const db = openStore(path);
  try {
    const rows = db
      .prepare(
        `SELECT s.name, s.kind, s.location, s.sha256, s.imported_at AS importedAt, s.records, s.skipped,
                (SELECT COUNT(*) FROM advisories a WHERE a.source_id = s.id AND a.withdrawn IS NOT NULL) AS withdrawn
         FROM sources s ORDER BY s.name`,
      )
      .all() as { name: string; kind: string; location: string; sha256: string | null; importedAt: string; records: number; skipped: number; withdrawn: number }[];
    const sources = rows.map(({ sha256, ...row }) => ({
      ...row,
      ...(sha256 === null ? {} : { sha256 }),
      ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(row.importedAt)) / DAY_MS)),
    }));
    const schemes = db.prepare('SELECT scheme, COUNT(*) AS n FROM affected GROUP BY scheme ORDER BY scheme').all() as { scheme: string; n: number }[];
    const advisories = (db.prepare('SELECT COUNT(*) AS n FROM advisories').get() as { n: number }).n;
    return {
      path,
      schemaVersion: SCHEMA_VERSION,
      sizeBytes: statSync(path).size,
      advisories,
      packagesByScheme: Object.fromEntries(schemes.map((s) => [s.scheme, s.n])),
      sources,
    };
  } finally {
    db.close();
  }
}
