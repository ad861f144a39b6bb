/** Builders for small OSV records and temp stores in tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { importAdvisories } from '../../../src/vuln/index.js';

export interface OsvAffected {
  package: { ecosystem: string; name: string };
  ranges?: { type: string; events: Record<string, string>[] }[];
  versions?: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export function osv(id: string, affected: OsvAffected[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schema_version: '1.6.0', id, modified: '2024-01-01T00:00:00Z', summary: `summary of ${id}`, affected, ...extra };
}

export function npm(name: string, events: Record<string, string>[], type = 'SEMVER'): OsvAffected {
  return { package: { ecosystem: 'npm', name }, ranges: [{ type, events }] };
}

/** A fresh temp directory per test, removed afterwards. */
export function tempDirs(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-vuln-'));
    made.push(dir);
    return dir;
  };
}

/**
 * An advisory store of OSV records, imported as `palisade db import` does, in a fresh temp
 * directory of `temp` (tempDirs()): `storeWith(records, sourceName?)` gives its path.
 */
export function advisoryStores(temp: () => string): (records: Record<string, unknown>[], name?: string) => Promise<string> {
  return async (records, name = 'test') => {
    const dir = temp();
    const input = join(dir, 'in');
    mkdirSync(input);
    records.forEach((r, i) => {
      writeFileSync(join(input, `${String(i)}.json`), JSON.stringify(r));
    });
    const db = join(dir, 'db.sqlite');
    await importAdvisories(db, input, { name });
    return db;
  };
}
