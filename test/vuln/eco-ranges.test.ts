/**
 * OSV range evaluation as the schema's pseudocode states it (https://ossf.github.io/osv-schema/#evaluation),
 * on records built by hand from the specification.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAdvisories, matchPackages } from '../../src/vuln/index.js';
import { osv, tempDirs } from './support/osv.js';

const temp = tempDirs();

async function storeWith(records: Record<string, unknown>[]): Promise<string> {
  const dir = temp();
  mkdirSync(join(dir, 'in'));
  records.forEach((r, i) => { writeFileSync(join(dir, 'in', `${String(i)}.json`), JSON.stringify(r)); });
  await importAdvisories(join(dir, 'db.sqlite'), join(dir, 'in'), { name: 'test' });
  return join(dir, 'db.sqlite');
}

const ids = (db: string, ecosystem: string, name: string, version: string): string[] =>
  matchPackages(db, [{ ecosystem, name, version }]).matches.map((m) => m.id);

describe('limit events', () => {
  it('bound the whole range: versions at or above every limit are not affected', async () => {
    const db = await storeWith([
      osv('OSV-LIMIT', [{ package: { ecosystem: 'PyPI', name: 'pkg' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { limit: '2.0' }] }] }]),
      osv('OSV-TWO-LIMITS', [{ package: { ecosystem: 'npm', name: 'lib' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { limit: '1.5.0' }, { limit: '3.0.0' }] }] }]),
      osv('OSV-STAR', [{ package: { ecosystem: 'Go', name: 'example.com/m' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.2.0' }, { limit: '*' }] }] }]),
    ]);
    expect(ids(db, 'pypi', 'pkg', '0.9')).toEqual([]);
    expect(ids(db, 'pypi', 'pkg', '1.0')).toEqual(['OSV-LIMIT']);
    expect(ids(db, 'pypi', 'pkg', '1.9.9')).toEqual(['OSV-LIMIT']);
    expect(ids(db, 'pypi', 'pkg', '2.0')).toEqual([]);
    expect(ids(db, 'pypi', 'pkg', '3.1')).toEqual([]);
    // Below any one limit is enough (BeforeLimits returns true on the first).
    expect(ids(db, 'npm', 'lib', '2.0.0')).toEqual(['OSV-TWO-LIMITS']);
    expect(ids(db, 'npm', 'lib', '3.0.0')).toEqual([]);
    // "*" is infinity.
    expect(ids(db, 'golang', 'example.com/m', 'v9.0.0')).toEqual(['OSV-STAR']);
  });
});
