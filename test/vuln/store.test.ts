import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PalisadeError } from '../../src/core/errors.js';
import { defaultStorePath, importAdvisories, matchPackages, storeStatus } from '../../src/vuln/index.js';
import { npm, osv, type OsvAffected, tempDirs } from './support/osv.js';
import { writeZip } from './support/zip.js';

const temp = tempDirs();

function writeRecords(dir: string, records: Record<string, unknown>[]): string {
  mkdirSync(dir, { recursive: true });
  records.forEach((r, i) => {
    writeFileSync(join(dir, `r${String(i)}.json`), JSON.stringify(r));
  });
  return dir;
}

async function rejection(promise: Promise<unknown>): Promise<PalisadeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PalisadeError) return error;
    throw error;
  }
  throw new Error('expected a PalisadeError');
}

describe('advisory store', () => {
  it('lives in the XDG cache directory by default', () => {
    expect(defaultStorePath({ XDG_CACHE_HOME: '/xdg' }, '/home/u')).toBe('/xdg/palisade/db.sqlite');
    expect(defaultStorePath({}, '/home/u')).toBe('/home/u/.cache/palisade/db.sqlite');
    expect(defaultStorePath({ XDG_CACHE_HOME: 'relative' }, '/home/u')).toBe('/home/u/.cache/palisade/db.sqlite');
  });

  it('keeps sources apart: re-importing a source replaces it, others stay', async () => {
    const dir = temp();
    const db = join(dir, 'sub', 'db.sqlite');
    const a = writeRecords(join(dir, 'a'), [osv('A-1', [npm('p', [{ introduced: '0' }])]), osv('A-2', [npm('q', [{ introduced: '0' }])])]);
    const b = writeRecords(join(dir, 'b'), [osv('B-1', [npm('p', [{ introduced: '0' }])])]);
    const now = new Date('2026-01-10T00:00:00Z');
    await importAdvisories(db, a, { name: 'feed-a', now: new Date('2026-01-01T00:00:00Z') });
    await importAdvisories(db, b, { name: 'feed-b', now });
    const a2 = writeRecords(join(dir, 'a2'), [osv('A-3', [npm('p', [{ introduced: '0' }])])]);
    await importAdvisories(db, a2, { name: 'feed-a', now });
    const status = storeStatus(db, new Date('2026-01-12T00:00:00Z'));
    expect(status.advisories).toBe(2);
    expect(status.sources.map((s) => [s.name, s.kind, s.records, s.ageDays])).toEqual([
      ['feed-a', 'osv', 1, 2],
      ['feed-b', 'osv', 1, 2],
    ]);
    expect(matchPackages(db, [{ ecosystem: 'npm', name: 'p', version: '1.0.0' }]).matches.map((m) => m.id)).toEqual(['A-3', 'B-1']);
  });

  it('keeps the newest copy of a record seen twice in one import', async () => {
    const dir = temp();
    const input = writeRecords(join(dir, 'in'), [
      osv('D-1', [npm('p', [{ introduced: '0' }, { fixed: '2.0.0' }])], { modified: '2024-05-01T00:00:00Z' }),
      osv('D-1', [npm('p', [{ introduced: '0' }, { fixed: '1.0.0' }])], { modified: '2024-01-01T00:00:00Z' }),
    ]);
    const db = join(dir, 'db.sqlite');
    const result = await importAdvisories(db, input);
    expect([result.records, result.skipped]).toEqual([1, 1]);
    expect(matchPackages(db, [{ ecosystem: 'npm', name: 'p', version: '1.5.0' }]).matches.map((m) => m.id)).toEqual(['D-1']);
  });

  it('leaves the store untouched when an import fails, and removes what a killed import left', async () => {
    const dir = temp();
    const db = join(dir, 'db.sqlite');
    await importAdvisories(db, writeRecords(join(dir, 'good'), [osv('G-1', [npm('p', [{ introduced: '0' }])])]));
    const before = readFileSync(db);
    const empty = writeRecords(join(dir, 'empty'), []);
    expect((await rejection(importAdvisories(db, empty))).problem.code).toBe('import-empty');
    expect((await rejection(importAdvisories(db, join(dir, 'missing')))).problem.code).toBe('import-unreadable');
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['db.sqlite', 'empty', 'good']);
    // What SIGKILL leaves behind: a half-written temp file and a lock naming a dead process.
    writeFileSync(`${db}.tmp-999999-deadbeef`, 'half written');
    writeFileSync(`${db}.lock`, '999999');
    expect(storeStatus(db).advisories).toBe(1);
    await importAdvisories(db, writeRecords(join(dir, 'more'), [osv('G-2', [npm('p', [{ introduced: '0' }])])]), { name: 'more' });
    expect(readdirSync(dir).filter((n) => n.startsWith('db.sqlite'))).toEqual(['db.sqlite']);
    expect(storeStatus(db).advisories).toBe(2);
  });

  it('refuses a concurrent import and a file that is not a store', async () => {
    const dir = temp();
    const db = join(dir, 'db.sqlite');
    const input = writeRecords(join(dir, 'in'), [osv('C-1', [npm('p', [{ introduced: '0' }])])]);
    writeFileSync(`${db}.lock`, String(process.pid));
    expect((await rejection(importAdvisories(db, input))).problem.code).toBe('db-busy');
    const notStore = join(dir, 'notes.txt');
    writeFileSync(notStore, 'my precious notes');
    expect((await rejection(importAdvisories(notStore, input))).problem.code).toBe('db-invalid');
    expect(readFileSync(notStore, 'utf8')).toBe('my precious notes');
    expect(() => storeStatus(join(dir, 'nothing.sqlite'))).toThrow(PalisadeError);
  });

  it('reads zips like osv.dev all.zip, with bounded entries and names never used as paths', async () => {
    const dir = temp();
    const zip = join(dir, 'all.zip');
    writeZip(zip, [
      { name: 'Z-1.json', data: JSON.stringify(osv('Z-1', [npm('p', [{ introduced: '0' }])])) },
      { name: '../../etc/Z-2.json', data: JSON.stringify(osv('Z-2', [npm('p', [{ introduced: '0' }])])) },
      { name: 'README.txt', data: 'not an advisory' },
      { name: 'huge.json', data: '{}', claimedSize: 64 * 1024 * 1024 },
      { name: 'liar.json', data: JSON.stringify(osv('Z-3', [npm('p', [{ introduced: '0' }])])), claimedSize: 10 },
      { name: 'broken.json', data: '{ nope' },
    ]);
    const db = join(dir, 'db.sqlite');
    const result = await importAdvisories(db, zip);
    expect(result.records).toBe(2);
    expect(result.problems.map((p) => [p.code, p.file])).toEqual([
      ['advisory-too-large', `${zip}!huge.json`],
      ['advisory-invalid', `${zip}!liar.json`],
      ['advisory-invalid', `${zip}!broken.json`],
    ]);
    expect(existsSync(join(dir, '..', 'etc'))).toBe(false);
  });

  it('imports the Debian tracker JSON and Alpine secdb JSON', async () => {
    const dir = temp();
    const tracker = join(dir, 'debian.json');
    writeFileSync(
      tracker,
      JSON.stringify({
        zlib: {
          'CVE-2022-37434': {
            description: 'zlib inflate overflow',
            releases: {
              bullseye: { status: 'resolved', fixed_version: '1:1.2.11.dfsg-2+deb11u2', urgency: 'high' },
              bookworm: { status: 'resolved', fixed_version: '0', urgency: 'unimportant' },
              trixie: { status: 'open', urgency: 'low' },
            },
          },
        },
      }),
    );
    const secdb = join(dir, 'main.json');
    writeFileSync(
      secdb,
      JSON.stringify({
        distroversion: 'v3.19',
        reponame: 'main',
        packages: [{ pkg: { name: 'busybox', secfixes: { '1.36.1-r16': ['CVE-2023-42363 CVE-2023-42364'], '0': ['CVE-2021-0000'] } } }],
      }),
    );
    const db = join(dir, 'db.sqlite');
    await importAdvisories(db, tracker, { name: 'debian' });
    await importAdvisories(db, secdb, { name: 'alpine' });
    const zlib = { ecosystem: 'deb', name: 'zlib1g', version: '1:1.2.11.dfsg-2+deb11u1', source: { name: 'zlib', version: '1:1.2.11.dfsg-2+deb11u1' } };
    const bullseye = matchPackages(db, [zlib], { os: { id: 'debian', versionId: '11' } }).matches;
    expect(bullseye.map((m) => [m.id, m.severity, m.fix])).toEqual([['CVE-2022-37434', 'high', { state: 'fixed', version: '1:1.2.11.dfsg-2+deb11u2' }]]);
    expect(matchPackages(db, [zlib], { os: { id: 'debian', versionId: '12' } }).matches).toEqual([]);
    expect(matchPackages(db, [zlib], { os: { id: 'debian', codename: 'trixie' } }).matches.map((m) => m.fix)).toEqual([{ state: 'unfixed' }]);
    const busybox = { ecosystem: 'apk', name: 'ssl_client', version: '1.36.1-r15', source: { name: 'busybox', version: '1.36.1-r15' } };
    const alpine = matchPackages(db, [busybox], { os: { id: 'alpine', versionId: '3.19.1' } }).matches;
    expect(alpine.map((m) => m.id)).toEqual(['CVE-2023-42363', 'CVE-2023-42364']);
    expect(matchPackages(db, [{ ...busybox, version: '1.36.1-r16', source: { name: 'busybox', version: '1.36.1-r16' } }], { os: { id: 'alpine', versionId: '3.19.1' } }).matches).toEqual([]);
    expect(matchPackages(db, [busybox], { os: { id: 'alpine', versionId: '3.18.4' } }).matches).toEqual([]);
  });

  it('locates invalid JSON lines', async () => {
    const dir = temp();
    const file = join(dir, 'feed.jsonl');
    writeFileSync(file, `${JSON.stringify(osv('L-1', [npm('p', [{ introduced: '0' }])]))}\n{bad\n\n{"what": 1}\n`);
    const result = await importAdvisories(join(dir, 'db.sqlite'), file);
    expect(result.problems.map((p) => [p.code, p.line])).toEqual([
      ['advisory-invalid', 2],
      ['advisory-invalid', 4],
    ]);
  });

  it('locates JSON syntax errors by line and column; a byte order mark is no error', async () => {
    const dir = temp();
    const input = join(dir, 'in');
    mkdirSync(input);
    // Saved by a Windows tool, with a byte order mark (RFC 8259 lets parsers ignore it).
    writeFileSync(join(input, 'a-ok.json'), `\uFEFF${JSON.stringify(osv('L-2', [npm('p', [{ introduced: '0' }])]))}`);
    // A hand-edited record: a missing comma at the end of line 3, found at the next member.
    writeFileSync(join(input, 'b-edited.json'), '{\n  "id": "L-3",\n  "modified": "2024-01-01T00:00:00Z"\n  "affected": []\n}\n');
    writeFileSync(join(input, 'c-cut.json'), '{\n  "id": "L-4",\n  "affected": [');
    writeFileSync(join(input, 'd-feed.jsonl'), `${JSON.stringify(osv('L-5', [npm('q', [{ introduced: '0' }])]))}\n{"id": "L-6" "x": 1}\n`);
    // V8 names no offset for an unexpected token; it is located all the same.
    writeFileSync(join(input, 'e-token.json'), '{\n  "id": "L-7",\n  "affected": [ oops ]\n}\n');
    const result = await importAdvisories(join(dir, 'db.sqlite'), input);
    expect(result.problems.map((p) => [basename(p.file ?? ''), p.line, p.column])).toEqual([
      ['b-edited.json', 4, 3],
      ['c-cut.json', 3, 16],
      ['d-feed.jsonl', 2, 14],
      ['e-token.json', 3, 17],
    ]);
    expect(result.records).toBe(2);
  });

  it('tells when a source was imported without an ecosystem this Palisade now compares', async () => {
    const dir = temp();
    const db = join(dir, 'db.sqlite');
    const cargo = (name: string): OsvAffected => ({ package: { ecosystem: 'crates.io', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] });
    const input = writeRecords(join(dir, 'in'), [
      osv('X-1', [npm('p', [{ introduced: '0' }]), { package: { ecosystem: 'Hackage', name: 'h' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }]),
      osv('X-2', [cargo('c')]),
    ]);
    const result = await importAdvisories(db, input, { name: 'feed', now: new Date('2026-01-01T00:00:00Z') });
    expect(result.unsupported).toEqual({ Hackage: 1 });
    const packages = [{ ecosystem: 'npm', name: 'p', version: '1.0.0' }, { ecosystem: 'cargo', name: 'c', version: '1.0.0' }];
    // Today's import skipped only what no Palisade compares: nothing to re-import for.
    expect(matchPackages(db, packages).problems.filter((p) => p.code === 'advisory-store-stale')).toEqual([]);
    // What an importer that could not compare crates.io wrote: its entries skipped and counted.
    const sqlite = new Database(db);
    sqlite.prepare('DELETE FROM affected WHERE scheme = ?').run('cargo');
    sqlite.prepare('UPDATE sources SET unsupported = ?').run(JSON.stringify({ 'crates.io': 3, Hackage: 1 }));
    sqlite.close();
    const stale = matchPackages(db, packages).problems.filter((p) => p.code === 'advisory-store-stale');
    expect(stale.map((p) => [p.level, p.message])).toEqual([
      ['warning', 'advisory source "feed" was imported by a Palisade that skipped its 3 "crates.io" entries, so cargo packages were matched without them'],
    ]);
  });
});
