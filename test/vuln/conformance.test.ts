/**
 * Conformance with ../shared/testdata/supply-chain/osv: every expected match of
 * install-expectations.jsonl is found and no listed non-match is reported; every Debian DSA/DLA
 * and Alpine secdb fix matches just below its fixed version and not at it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidVersion } from '../../src/lib/versions/index.js';
import { importAdvisories, type MatchablePackage, matchPackages } from '../../src/vuln/index.js';

const SUITE = join(import.meta.dirname, '../../../shared/testdata/supply-chain/osv');
const present = existsSync(SUITE);
if (!present) console.warn(`skipping OSV conformance: ${SUITE} is absent`);

interface Expectation {
  id: string;
  ecosystem: string;
  package: string;
  version: string;
  affected_by: string[];
  not_affected_by: string[];
}

const jsonLines = <T>(file: string): T[] =>
  readFileSync(join(SUITE, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);

describe.skipIf(!present)('OSV suite conformance', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-osv-suite-'));
  const db = join(dir, 'db.sqlite');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  beforeAll(async () => {
    for (const part of ['ghsa', 'go-vulndb', 'pypa', 'debian-security-tracker', 'alpine-secdb']) await importAdvisories(db, join(SUITE, part), { name: part });
  });

  it('finds every expected match of install-expectations.jsonl and none of the exclusions', () => {
    const rows = jsonLines<Expectation>('install-expectations.jsonl');
    let expected = 0;
    let found = 0;
    const wrong: string[] = [];
    for (const row of rows) {
      const { matches } = matchPackages(db, [{ ecosystem: row.ecosystem, name: row.package, version: row.version }]);
      const reported = new Set(matches.flatMap((m) => [m.id, ...m.aliases]));
      expected += row.affected_by.length;
      for (const id of row.affected_by) if (reported.has(id)) found++;
      else wrong.push(`${row.package}@${row.version}: missing ${id}`);
      for (const id of row.not_affected_by) if (reported.has(id)) wrong.push(`${row.package}@${row.version}: ${id} reported outside its ranges`);
      // Every reported match is explained by a range of the advisory that produced it.
      for (const m of matches) expect(m.evidence.every((e) => e.range !== '' && e.version === row.version)).toBe(true);
    }
    console.log(`install-expectations: ${found}/${expected} expected matches over ${rows.length} package versions; ${wrong.length} disagreements`);
    expect(wrong).toEqual([]);
    expect(found).toBe(expected);
  });

  it('matches every Debian DSA/DLA fix below its fixed version and not at it', { timeout: 300_000 }, () => {
    interface DebianLine { id: string; cves: string[]; fixed: { release: string; package: string; fixed_version: string }[] }
    const lines = [...jsonLines<DebianLine>('debian-security-tracker/DSA.jsonl'), ...jsonLines<DebianLine>('debian-security-tracker/DLA.jsonl')];
    const checks: { release: string; pkg: MatchablePackage; record: string; affected: boolean }[] = [];
    for (const line of lines) {
      for (const fix of line.fixed) {
        if (fix.fixed_version.startsWith('<') || !isValidVersion('deb', fix.fixed_version)) continue;
        for (const cve of line.cves.length === 0 ? [line.id] : line.cves) {
          const record = `${line.id} ${cve}`;
          const at = (version: string): MatchablePackage => ({ ecosystem: 'deb', name: fix.package, version, source: { name: fix.package, version } });
          checks.push({ release: fix.release, pkg: at(fix.fixed_version), record, affected: false });
          checks.push({ release: fix.release, pkg: at(`${fix.fixed_version}~`), record, affected: true }); // "~" sorts before everything
        }
      }
    }
    const failures = runChecks(checks, (release) => ({ id: 'debian', codename: release }));
    console.log(`debian DSA/DLA: ${checks.length - failures.length}/${checks.length} checks agree`);
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('matches every Alpine secdb fix below its fixed version and not at it', { timeout: 300_000 }, () => {
    interface AlpineLine { distroversion: string; package: string; fixed_version: string; ids: string[] }
    const checks: { release: string; pkg: MatchablePackage; record: string; affected: boolean }[] = [];
    for (const line of jsonLines<AlpineLine>('alpine-secdb/secfixes.jsonl')) {
      if (line.fixed_version === '0' || !isValidVersion('apk', line.fixed_version)) continue;
      const below = apkBelow(line.fixed_version);
      for (const text of line.ids) {
        for (const id of text.split(/\s+/).filter((x) => /^[A-Z][A-Z0-9]*-[\w.-]+$/.test(x))) {
          const record = `${line.distroversion}/${line.package}@${line.fixed_version} ${id}`;
          const at = (version: string): MatchablePackage => ({ ecosystem: 'apk', name: line.package, version });
          checks.push({ release: line.distroversion, pkg: at(line.fixed_version), record, affected: false });
          if (below !== undefined) checks.push({ release: line.distroversion, pkg: at(below), record, affected: true });
        }
      }
    }
    const failures = runChecks(checks, (release) => ({ id: 'alpine', versionId: release.slice(1) }));
    console.log(`alpine secdb: ${checks.length - failures.length}/${checks.length} checks agree`);
    expect(failures.slice(0, 10)).toEqual([]);
  });

  function runChecks(
    checks: readonly { release: string; pkg: MatchablePackage; record: string; affected: boolean }[],
    os: (release: string) => { id: string; versionId?: string; codename?: string },
  ): string[] {
    const failures: string[] = [];
    const byRelease = new Map<string, (typeof checks)[number][]>();
    for (const c of checks) byRelease.set(c.release, [...(byRelease.get(c.release) ?? []), c]);
    for (const [release, group] of byRelease) {
      // One lookup per distinct package version: a DSA fixing 20 CVEs is one package version.
      const unique = new Map(group.map((c) => [`${c.pkg.name} ${c.pkg.version}`, c.pkg]));
      const result = matchPackages(db, [...unique.values()], { os: os(release) });
      const records = new Map<string, Set<string>>();
      for (const m of result.matches) {
        const key = `${m.package.name} ${m.package.version}`;
        const set = records.get(key) ?? new Set<string>();
        for (const e of m.evidence) set.add(e.record);
        records.set(key, set);
      }
      for (const c of group) {
        const got = records.get(`${c.pkg.name} ${c.pkg.version}`)?.has(c.record) ?? false;
        if (got !== c.affected) failures.push(`${release} ${c.pkg.name} ${c.pkg.version}: ${c.record} ${c.affected ? 'not matched' : 'matched at its fixed version'}`);
      }
    }
    return failures;
  }
});

/** A version just below `fixed` in apk order: the previous package release, or a pre-release. */
function apkBelow(fixed: string): string | undefined {
  const release = /^(.*)-r(\d+)$/.exec(fixed);
  if (release === null) return undefined;
  const [, base = '', rel = '0'] = release;
  if (Number(rel) > 0) return `${base}-r${String(Number(rel) - 1)}`;
  return /\d$/.test(base) ? `${base}_alpha-r0` : undefined;
}
