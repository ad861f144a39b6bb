import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyVex, importAdvisories, matchPackages, parseVex } from '../../src/vuln/index.js';
import { advisoryStores, npm, osv, tempDirs, type OsvAffected } from './support/osv.js';

const temp = tempDirs();

const storeWith = advisoryStores(temp);

const ids = (db: string, pkg: { ecosystem: string; name: string; version: string }): string[] =>
  matchPackages(db, [pkg]).matches.map((m) => m.id);

describe('OSV range semantics', () => {
  it('introduced is inclusive, fixed exclusive', async () => {
    const db = await storeWith([osv('GHSA-aaaa-bbbb-cccc', [npm('left-pad', [{ introduced: '1.2.0' }, { fixed: '1.4.0' }])])]);
    expect(ids(db, { ecosystem: 'npm', name: 'left-pad', version: '1.1.9' })).toEqual([]);
    expect(ids(db, { ecosystem: 'npm', name: 'left-pad', version: '1.2.0' })).toEqual(['GHSA-aaaa-bbbb-cccc']);
    expect(ids(db, { ecosystem: 'npm', name: 'left-pad', version: '1.3.99' })).toEqual(['GHSA-aaaa-bbbb-cccc']);
    expect(ids(db, { ecosystem: 'npm', name: 'left-pad', version: '1.4.0' })).toEqual([]);
  });

  it('last_affected is inclusive and gives no fixed version', async () => {
    const db = await storeWith([osv('OSV-1', [npm('x', [{ introduced: '0' }, { last_affected: '2.0.0' }])])]);
    const [match] = matchPackages(db, [{ ecosystem: 'npm', name: 'x', version: '2.0.0' }]).matches;
    expect(match?.fix).toEqual({ state: 'fixed-after', lastAffected: '2.0.0' });
    expect(match?.evidence[0]?.range).toBe('<= 2.0.0');
    expect(ids(db, { ecosystem: 'npm', name: 'x', version: '2.0.1' })).toEqual([]);
  });

  it('evaluates several intervals in one range, in any event order', async () => {
    const events = [{ fixed: '2.3.1' }, { introduced: '2.4' }, { introduced: '0' }, { fixed: '2.12.2' }];
    const db = await storeWith([osv('OSV-2', [{ package: { ecosystem: 'Maven', name: 'g:a' }, ranges: [{ type: 'ECOSYSTEM', events }] }])]);
    const check = (version: string): string[] => ids(db, { ecosystem: 'maven', name: 'g:a', version });
    expect(check('2.3')).toEqual(['OSV-2']);
    expect(check('2.3.1')).toEqual([]);
    expect(check('2.3.5')).toEqual([]);
    expect(check('2.4')).toEqual(['OSV-2']);
    expect(check('2.12.2')).toEqual([]);
  });

  it('matches explicit versions lists, including equal spellings', async () => {
    const db = await storeWith([osv('PYSEC-1', [{ package: { ecosystem: 'PyPI', name: 'Foo_Bar' }, versions: ['1.0', '1.1'] }])]);
    expect(ids(db, { ecosystem: 'pypi', name: 'foo-bar', version: '1.0.0' })).toEqual(['PYSEC-1']);
    expect(ids(db, { ecosystem: 'pypi', name: 'foo.bar', version: '1.2' })).toEqual([]);
  });

  it('skips GIT-only ranges with a note, ignores withdrawn advisories', async () => {
    const db = await storeWith([
      osv('OSV-GIT', [{ package: { ecosystem: 'npm', name: 'g' }, ranges: [{ type: 'GIT', events: [{ introduced: 'abc' }, { fixed: 'def' }] }] }]),
      osv('OSV-GONE', [npm('g', [{ introduced: '0' }])], { withdrawn: '2024-02-01T00:00:00Z' }),
    ]);
    const result = matchPackages(db, [{ ecosystem: 'npm', name: 'g', version: '1.0.0' }]);
    expect(result.matches).toEqual([]);
    expect(result.problems.map((p) => p.code)).toEqual(['range-skipped']);
  });

  it('names Maven, npm and Go packages from their purl', async () => {
    const db = await storeWith([
      osv('M-1', [{ package: { ecosystem: 'Maven', name: 'org.x:core' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2' }] }] }]),
      osv('N-1', [npm('@scope/pkg', [{ introduced: '0' }, { fixed: '2.0.0' }])]),
      osv('G-1', [{ package: { ecosystem: 'Go', name: 'github.com/a/b' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.0' }] }] }]),
    ]);
    const result = matchPackages(db, [
      { ecosystem: 'maven', name: 'core', version: '1.0', purl: 'pkg:maven/org.x/core@1.0' },
      { ecosystem: 'npm', name: '@scope/pkg', version: '1.0.0', purl: 'pkg:npm/%40scope/pkg@1.0.0' },
      { ecosystem: 'golang', name: 'github.com/a/b', version: 'v1.1.0', purl: 'pkg:golang/github.com/a/b@v1.1.0' },
    ]);
    expect(result.matches.map((m) => m.id)).toEqual(['M-1', 'N-1', 'G-1']);
  });

  it('matches Rust crates against crates.io advisories (RustSec), never a crate from elsewhere', async () => {
    const db = await storeWith([osv('RUSTSEC-2023-0001', [{ package: { ecosystem: 'crates.io', name: 'tokio' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0.2.0' }, { fixed: '1.18.4' }, { introduced: '1.19.0' }, { fixed: '1.20.3' }] }] }])]);
    const tokio = (version: string, purl = `pkg:cargo/tokio@${version}`) => ({ ecosystem: 'cargo', name: 'tokio', version, purl });
    expect(matchPackages(db, [tokio('1.18.3')]).matches.map((m) => m.id)).toEqual(['RUSTSEC-2023-0001']);
    expect(matchPackages(db, [tokio('1.18.4')]).matches).toEqual([]);
    expect(matchPackages(db, [tokio('1.20.2')]).matches.map((m) => m.id)).toEqual(['RUSTSEC-2023-0001']);
    // A workspace crate that happens to be called tokio is not the crates.io crate.
    expect(matchPackages(db, [tokio('1.18.3', 'pkg:cargo/tokio@1.18.3?source=local')]).matches).toEqual([]);
  });

  it('matches NuGet packages against GitHub advisories, whatever the case of the id', async () => {
    // As GitHub publishes GHSA-5crp-9r3c-p9vr in OSV.
    const db = await storeWith([
      osv('GHSA-5crp-9r3c-p9vr', [{ package: { ecosystem: 'NuGet', name: 'Newtonsoft.Json' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '13.0.1' }] }] }], {
        aliases: ['CVE-2024-21907'],
        database_specific: { severity: 'HIGH', github_reviewed: true, cwe_ids: ['CWE-755'] },
      }),
    ]);
    const json = (name: string, version: string) => ({ ecosystem: 'nuget', name, version, purl: `pkg:nuget/${name}@${version}` });
    const found = (pkg: ReturnType<typeof json>): string[] => matchPackages(db, [pkg]).matches.map((m) => m.id);
    expect(found(json('Newtonsoft.Json', '12.0.3'))).toEqual(['CVE-2024-21907']);
    expect(found(json('newtonsoft.json', '12.0.3'))).toEqual(['CVE-2024-21907']);
    expect(found(json('NEWTONSOFT.JSON', '13.0.1-beta1'))).toEqual(['CVE-2024-21907']);
    // 13.0.1.0 is 13.0.1: the fixed version.
    expect(found(json('newtonsoft.json', '13.0.1.0'))).toEqual([]);
    expect(found(json('Newtonsoft.Json', '13.0.3'))).toEqual([]);
    const [match] = matchPackages(db, [json('newtonsoft.json', '12.0.3')]).matches;
    expect(match?.fix).toEqual({ state: 'fixed', version: '13.0.1' });
    expect(match?.severity).toBe('high');
  });

  it('matches Composer packages against Packagist advisories (GHSA in OSV), whatever the case of the name', async () => {
    const ecosystemRange = (...events: Record<string, string>[]) => ({ type: 'ECOSYSTEM', events });
    const db = await storeWith([
      // As GitHub publishes a Packagist advisory: one range per maintained line.
      osv('GHSA-6j75-5wfj-gh63', [{
        package: { ecosystem: 'Packagist', name: 'twig/twig' },
        ranges: [ecosystemRange({ introduced: '0' }, { fixed: '1.44.8' }), ecosystemRange({ introduced: '2.0.0' }, { fixed: '2.16.1' }), ecosystemRange({ introduced: '3.0.0' }, { fixed: '3.14.0' })],
      }], { aliases: ['CVE-2024-45411'], database_specific: { severity: 'HIGH', github_reviewed: true } }),
      // Advisories sometimes spell the name as the project does; Composer and Packagist ignore case.
      osv('GHSA-x7q2-vm2x-fvqh', [{ package: { ecosystem: 'Packagist', name: 'PHPOffice/PhpSpreadsheet' }, ranges: [ecosystemRange({ introduced: '0' }, { fixed: '1.29.1' })] }]),
    ]);
    // installed.json keeps Composer's spelling of the version ("v3.11.0"), purl type composer.
    const php = (name: string, version: string) => ({ ecosystem: 'composer', name, version, purl: `pkg:composer/${name}@${version}`, file: '/app/vendor/composer/installed.json' });
    const found = (pkg: ReturnType<typeof php>): string[] => matchPackages(db, [pkg]).matches.map((m) => m.id);
    expect(found(php('twig/twig', 'v3.11.0'))).toEqual(['CVE-2024-45411']);
    expect(found(php('twig/twig', 'v3.14.0'))).toEqual([]);
    expect(found(php('twig/twig', 'v2.16.1'))).toEqual([]);
    expect(found(php('twig/twig', 'v3.14.0-RC1'))).toEqual(['CVE-2024-45411']);
    expect(found(php('twig/twig', 'v1.44.7'))).toEqual(['CVE-2024-45411']);
    const [twig] = matchPackages(db, [php('twig/twig', 'v2.15.0')]).matches;
    expect(twig?.fix).toEqual({ state: 'fixed', version: '2.16.1' });
    expect(twig?.evidence[0]?.range).toBe('>= 2.0.0, < 2.16.1');
    expect(found(php('phpoffice/phpspreadsheet', '1.29.0'))).toEqual(['GHSA-x7q2-vm2x-fvqh']);
    expect(found(php('phpoffice/phpspreadsheet', '1.29.1'))).toEqual([]);
    // A named branch cannot be placed among releases: reported, not guessed.
    const branch = matchPackages(db, [php('twig/twig', 'dev-main')]);
    expect(branch.matches).toEqual([]);
    expect(branch.problems.map((p) => p.code)).toEqual(['version-invalid']);
  });

  it('reports an unparsable installed version instead of guessing', async () => {
    const db = await storeWith([osv('N-2', [npm('y', [{ introduced: '0' }])])]);
    const result = matchPackages(db, [{ ecosystem: 'npm', name: 'y', version: 'not a version' }]);
    expect(result.matches).toEqual([]);
    expect(result.problems.map((p) => p.code)).toEqual(['version-invalid']);
    // Nothing to compare, nothing missed: a package no advisory names is not reported.
    expect(matchPackages(db, [{ ecosystem: 'npm', name: 'z', version: 'not a version' }]).problems).toEqual([]);
  });
});

describe('merged, explained findings', () => {
  it('merges aliases across sources into one finding with every id and its evidence', async () => {
    const db = await storeWith([
      osv('GHSA-1111-2222-3333', [npm('z', [{ introduced: '0' }, { fixed: '3.0.0' }])], {
        aliases: ['CVE-2024-0001'],
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      }),
      osv('OSV-2024-9', [npm('z', [{ introduced: '1.0.0' }, { fixed: '2.5.0' }])], { aliases: ['CVE-2024-0001'] }),
      osv('GHSA-4444-5555-6666', [npm('z', [{ introduced: '0' }, { fixed: '9.0.0' }])], { database_specific: { severity: 'LOW' } }),
    ]);
    const result = matchPackages(db, [{ ecosystem: 'npm', name: 'z', version: '2.0.0', file: '/app/node_modules/z/package.json', layer: 'sha256:abc' }]);
    expect(result.matches).toHaveLength(2);
    const [cve, other] = result.matches;
    expect(cve?.id).toBe('CVE-2024-0001');
    expect(cve?.aliases).toEqual(['GHSA-1111-2222-3333', 'OSV-2024-9']);
    // 2.5.0 is still inside GHSA's range (< 3.0.0): only 3.0.0 leaves both records' ranges.
    expect(cve?.fix).toEqual({ state: 'fixed', version: '3.0.0' });
    expect(cve?.severity).toBe('critical');
    expect(cve?.severitySource).toEqual({ kind: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8 });
    expect(cve?.package).toMatchObject({ file: '/app/node_modules/z/package.json', layer: 'sha256:abc' });
    expect(cve?.evidence.map((e) => `${e.advisory} ${e.range}`).sort()).toEqual(['GHSA-1111-2222-3333 < 3.0.0', 'OSV-2024-9 >= 1.0.0, < 2.5.0']);
    expect(other?.id).toBe('GHSA-4444-5555-6666');
    expect(other?.severity).toBe('low');
    expect(other?.severitySource).toMatchObject({ kind: 'vendor', rating: 'LOW' });
  });

  it('advises the upgrade that leaves every record of the vulnerability, not one a record still flags', async () => {
    // As pypa and GitHub often publish one CVE: the two disagree on the fixed version.
    const django = (events: Record<string, string>[]): OsvAffected => ({ package: { ecosystem: 'PyPI', name: 'Django' }, ranges: [{ type: 'ECOSYSTEM', events }] });
    const db = await storeWith([
      osv('PYSEC-2021-98', [django([{ introduced: '3.2' }, { fixed: '3.2.5' }])], { aliases: ['CVE-2021-35042'] }),
      osv('GHSA-xpfp-f569-q3p2', [django([{ introduced: '3.2' }, { fixed: '3.2.4' }])], { aliases: ['CVE-2021-35042'] }),
      osv('OSV-LAST', [django([{ introduced: '3.2' }, { last_affected: '3.2.5' }])], { aliases: ['CVE-2021-35042'] }),
      osv('OSV-NOFIX', [django([{ introduced: '3.2' }])], { aliases: ['CVE-2021-35042'] }),
    ]);
    const fixAt = (version: string): unknown => matchPackages(db, [{ ecosystem: 'pypi', name: 'django', version }]).matches.map((m) => m.fix);
    // 3.2.4 is still vulnerable per PYSEC, and 3.2.5 per the last_affected record.
    expect(fixAt('3.2.3')).toEqual([{ state: 'fixed-after', lastAffected: '3.2.5' }]);
    // At 3.2.5 only the records without a fixed version match; the last_affected one names a fix.
    expect(fixAt('3.2.5')).toEqual([{ state: 'fixed-after', lastAffected: '3.2.5' }]);
    // Past every named fix only the record without one matches: no fix is known.
    expect(fixAt('3.2.6')).toEqual([{ state: 'unfixed' }]);
  });

  it('says "unknown" when no severity is stated', async () => {
    const db = await storeWith([osv('N-3', [npm('w', [{ introduced: '0' }])])]);
    const [match] = matchPackages(db, [{ ecosystem: 'npm', name: 'w', version: '1.0.0' }]).matches;
    expect(match?.severity).toBe('unknown');
    expect(match?.fix).toEqual({ state: 'unfixed' });
  });
});

describe('distro advisories', () => {
  it('match by release and source package, at the source version', async () => {
    const dir = temp();
    const list = join(dir, 'DSA.jsonl');
    writeFileSync(
      list,
      [
        { id: 'DSA-1-1', cves: ['CVE-2023-1', 'CVE-2023-2'], header: 'openssl - security update', fixed: [{ release: 'bullseye', package: 'openssl', fixed_version: '1.1.1n-0+deb11u5', note: '(high)' }] },
        { id: 'DSA-2-1', cves: ['CVE-2023-3'], fixed: [{ release: 'buster', package: 'openssl', fixed_version: '1.1.1n-0+deb10u9' }, { release: 'bullseye', package: 'openssl', fixed_version: '<not-affected>' }] },
        { id: 'DSA-3-1', cves: ['CVE-2023-4'], fixed: [{ release: 'bullseye', package: 'openssl', fixed_version: '<unfixed>' }] },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const db = join(dir, 'db.sqlite');
    await importAdvisories(db, list);
    const libssl = { ecosystem: 'deb', name: 'libssl1.1', version: '1.1.1n-0+deb11u4+b1', source: { name: 'openssl', version: '1.1.1n-0+deb11u4' }, file: '/var/lib/dpkg/status' };
    const result = matchPackages(db, [libssl], { os: { id: 'debian', versionId: '11' } });
    expect(result.matches.map((m) => m.id)).toEqual(['CVE-2023-1', 'CVE-2023-2', 'CVE-2023-4']);
    const first = result.matches[0];
    expect(first?.related).toEqual(['DSA-1-1']);
    expect(first?.severity).toBe('high');
    expect(first?.fix).toEqual({ state: 'fixed', version: '1.1.1n-0+deb11u5' });
    expect(first?.evidence[0]).toMatchObject({ by: 'source-package', name: 'openssl', version: '1.1.1n-0+deb11u4', platform: 'debian:bullseye', record: 'DSA-1-1 CVE-2023-1' });
    expect(result.matches[2]?.fix).toEqual({ state: 'unfixed' });
    // Another release, and a system without os-release, match nothing.
    expect(matchPackages(db, [libssl], { os: { id: 'debian', versionId: '12', codename: 'bookworm' } }).matches).toEqual([]);
    const noOs = matchPackages(db, [libssl]);
    expect(noOs.matches).toEqual([]);
    expect(noOs.problems.map((p) => p.code)).toEqual(['os-unknown']);
  });

  it('report distro records under the CVE their OSV 1.7 upstream names; a notice fixing several stays apart', async () => {
    // As Ubuntu publishes them (schema 1.7.0): the CVE is in "upstream", "aliases" is empty.
    const php = (fixed: string): OsvAffected => ({ package: { ecosystem: 'Ubuntu:24.04:LTS', name: 'php8.3' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] });
    const db = await storeWith([
      osv('UBUNTU-CVE-2025-6491', [php('8.3.6-0ubuntu0.24.04.5')], { schema_version: '1.7.0', aliases: [], upstream: ['CVE-2025-6491'], related: ['USN-7645-1'], severity: [{ type: 'Ubuntu', score: 'medium' }] }),
      osv('UBUNTU-CVE-2025-1220', [php('8.3.6-0ubuntu0.24.04.5')], { schema_version: '1.7.0', aliases: [], upstream: ['CVE-2025-1220'] }),
      osv('USN-7645-1', [php('8.3.6-0ubuntu0.24.04.5')], { schema_version: '1.7.0', aliases: [], upstream: ['CVE-2025-1220', 'CVE-2025-6491'] }),
    ]);
    const pkg = { ecosystem: 'deb', name: 'php8.3-cli', version: '8.3.6-0ubuntu0.24.04.4', source: { name: 'php8.3', version: '8.3.6-0ubuntu0.24.04.4' }, purl: 'pkg:deb/ubuntu/php8.3-cli@8.3.6-0ubuntu0.24.04.4' };
    const { matches } = matchPackages(db, [pkg], { os: { id: 'ubuntu', versionId: '24.04', codename: 'noble' } });
    expect(matches.map((m) => [m.id, m.aliases, m.related])).toEqual([
      ['CVE-2025-1220', ['UBUNTU-CVE-2025-1220'], []],
      ['CVE-2025-6491', ['UBUNTU-CVE-2025-6491'], ['USN-7645-1']],
      // The notice names both CVEs: merging through it would fold them into one finding.
      ['USN-7645-1', [], ['CVE-2025-1220', 'CVE-2025-6491']],
    ]);
    // A VEX statement about the CVE therefore covers the distro's record of it.
    const vex = parseVex({ '@context': 'https://openvex.dev/ns/v0.2.0', statements: [{ vulnerability: { name: 'CVE-2025-6491' }, products: [{ '@id': 'pkg:deb/ubuntu/php8.3-cli' }], status: 'not_affected', justification: 'vulnerable_code_not_present' }] }, 'vex.json');
    expect(applyVex(matches, vex.statements).map((m) => m.suppression !== undefined)).toEqual([false, true, false]);
  });

  it('meet RPM distributions under their os-release id, whatever OSV calls them', async () => {
    const rpm = (ecosystem: string, fixed: string): OsvAffected => ({ package: { ecosystem, name: 'openssl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] });
    const db = await storeWith([
      osv('RLSA-1', [rpm('Rocky Linux:9', '1:3.0.7-25.el9')]),
      osv('RHSA-1', [rpm('Red Hat:enterprise_linux:9::appstream', '1:3.0.7-25.el9')]),
      osv('RHSA-EUS', [rpm('Red Hat:rhel_eus:9.2::baseos', '1:3.0.7-19.el9')]),
      osv('SUSE-1', [rpm('SUSE:Linux Enterprise Server 15 SP5', '3.0.8-150500.5.1')]),
      osv('OPENSUSE-1', [rpm('openSUSE:Leap 15.5', '3.0.8-150500.5.1')]),
      osv('AZL-1', [rpm('Azure Linux:3', '3.3.2-1.azl3')]),
    ]);
    const openssl = (version: string) => ({ ecosystem: 'rpm', name: 'openssl', version });
    const idsOn = (os: { id: string; versionId: string; prettyName?: string }, version: string): string[] => matchPackages(db, [openssl(version)], { os }).matches.flatMap((m) => [m.id, ...m.related]).sort();
    expect(idsOn({ id: 'rocky', versionId: '9.3' }, '1:3.0.7-24.el9')).toContain('RLSA-1');
    // UBI images say rhel; only the main stream applies, not EUS (a container does not say it follows EUS).
    const rhel = idsOn({ id: 'rhel', versionId: '9.2' }, '1:3.0.7-18.el9');
    expect(rhel).toContain('RHSA-1');
    expect(rhel).not.toContain('RHSA-EUS');
    expect(idsOn({ id: 'rhel', versionId: '9.4' }, '1:3.0.7-25.el9')).toEqual([]);
    expect(idsOn({ id: 'sles', versionId: '15.5', prettyName: 'SUSE Linux Enterprise Server 15 SP5' }, '3.0.8-150500.4.1')).toContain('SUSE-1');
    expect(idsOn({ id: 'opensuse-leap', versionId: '15.5', prettyName: 'openSUSE Leap 15.5' }, '3.0.8-150500.4.1')).toContain('OPENSUSE-1');
    expect(idsOn({ id: 'opensuse-leap', versionId: '15.6', prettyName: 'openSUSE Leap 15.6' }, '3.0.8-150500.4.1')).toEqual([]);
    expect(idsOn({ id: 'azurelinux', versionId: '3.0' }, '3.3.1-1.azl3')).toContain('AZL-1');
  });
});
