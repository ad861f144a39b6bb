/**
 * SBOM files as input: an SBOM written by Palisade from a real image reads back into the same
 * inventory (operating system, packages with their source packages, files, layers and licences),
 * in both formats; vulnerability matching of the SBOM finds what matching the image finds (the
 * OS packages need the distro and the source package); SBOMs as Trivy and Syft shape them give
 * the OS and source packages too; hostile documents are located problems, never crashes.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/model/package.js';
import { inventoryImage, matchVulnerabilities, PalisadeError, renderSbom, type SbomFormat } from '../../src/sdk/index.js';
import { writeStore, writeVulnerableImage } from '../vuln/support/image.js';
import { OciWriter } from './support/oci-writer.js';
import { auditData, prepareRustBuild } from './support/rust-build.js';

const CACHE = process.env.PALISADE_IMAGE_CACHE ?? '/var/cache/palisade-images';
const ROOTFS = join(CACHE, 'bookworm-minbase');
const FIXED = { now: () => new Date('2026-11-29T00:00:00Z') };
const work = mkdtempSync(join(tmpdir(), 'palisade-sbom-input-'));

/** Writes the SBOM of `inventory` in `format` and reads it back as an input. */
async function roundTrip(inventory: Inventory, format: SbomFormat): Promise<Inventory> {
  const path = join(work, `${format}-${String(Math.random()).slice(2)}.json`);
  writeFileSync(path, renderSbom(inventory, format, FIXED));
  return (await inventoryImage(path)).inventory;
}

function writeJson(name: string, doc: object): string {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe('SBOM input round trip on a real image', () => {
  let image: Inventory | undefined;

  beforeAll(async () => {
    if (!existsSync(join(ROOTFS, 'var/lib/dpkg/status'))) {
      console.warn(`no Debian root file system at ${ROOTFS} (scripts/setup-images.sh): SBOM round trip on a real image skipped`);
      return;
    }
    // Layer 1: the Debian system's own package database, os-release and copyright files.
    const base = execFileSync('tar', ['-C', ROOTFS, '-cf', '-', 'etc/os-release', 'usr/lib/os-release', 'var/lib/dpkg/status', 'usr/share/doc'], { maxBuffer: 256 * 1024 * 1024 });
    // Layer 2: an application: npm packages, and a Rust executable with audit data when rustc is here.
    const app = join(work, 'app');
    mkdirSync(join(app, 'srv/app/node_modules/left-pad'), { recursive: true });
    mkdirSync(join(app, 'srv/app/node_modules/@scope/both'), { recursive: true });
    writeFileSync(join(app, 'srv/app/node_modules/left-pad/package.json'), JSON.stringify({ name: 'left-pad', version: '1.3.0', license: 'WTFPL' }));
    writeFileSync(join(app, 'srv/app/node_modules/@scope/both/package.json'), JSON.stringify({ name: '@scope/both', version: '2.0.0-rc.1', license: '(MIT OR Apache-2.0)' }));
    const rust = prepareRustBuild(mkdtempSync(join(work, 'rust-')));
    if (rust !== undefined) {
      mkdirSync(join(app, 'usr/local/bin'), { recursive: true });
      copyFileSync(rust.withSection('audited', auditData([{ name: 'app', version: '0.1.0', source: 'local', root: true }, { name: 'itoa', version: '1.0.10', source: 'crates.io' }])), join(app, 'usr/local/bin/app'));
      chmodSync(join(app, 'usr/local/bin/app'), 0o755);
    }
    const top = execFileSync('tar', ['-C', app, '-cf', '-', '.'], { maxBuffer: 64 * 1024 * 1024 });
    const writer = new OciWriter(join(work, 'layout'));
    writer.index([writer.image([base, top])]);
    image = (await inventoryImage(`oci:${join(work, 'layout')}`)).inventory;
  }, 600_000);

  it('CycloneDX gives back the same inventory: OS (codename and pretty name too), packages, sources, files, layers, licences', async (ctx) => {
    if (image === undefined) return ctx.skip();
    expect(image.problems).toEqual([]);
    expect(image.packages.filter((p) => p.ecosystem === 'deb').length).toBeGreaterThan(50);
    expect(image.packages.some((p) => p.source !== undefined && p.licenses.length > 1)).toBe(true);
    const back = await roundTrip(image, 'cyclonedx');
    expect(back.problems).toEqual([]);
    expect(image.os).toEqual({ id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', codename: 'bookworm' });
    expect(back.os).toEqual(image.os);
    expect(back.packages).toEqual(image.packages.map((p) => ({ ...p, licenses: [...new Set(p.licenses)] })));
  });

  it('SPDX gives back the same inventory but the analyzer ids, which it does not record; GPL-2.0-only and GPL-2.0-or-later stay apart', async (ctx) => {
    if (image === undefined) return ctx.skip();
    const back = await roundTrip(image, 'spdx');
    expect(back.problems).toEqual([]);
    expect(back.os).toEqual(image.os);
    // Debian names both (GPL-2 is GPL-2.0-only, GPL-2+ GPL-2.0-or-later): they must stay two licences.
    const licensed = (inventory: Inventory, licence: string): string[] => inventory.packages.filter((p) => p.licenses.includes(licence)).map((p) => p.name);
    expect(licensed(image, 'GPL-2.0-only').length).toBeGreaterThan(0);
    expect(licensed(image, 'GPL-2.0-or-later').length).toBeGreaterThan(0);
    expect(licensed(back, 'GPL-2.0-only')).toEqual(licensed(image, 'GPL-2.0-only'));
    expect(licensed(back, 'GPL-2.0-or-later')).toEqual(licensed(image, 'GPL-2.0-or-later'));
    // A lone expression is written without its enclosing parentheses (same meaning).
    const lone = (licenses: string[]): string[] => (licenses.length === 1 ? licenses.map((l) => l.replace(/^\((.*)\)$/, '$1')) : licenses);
    const expected = image.packages.map((p) => ({ ...p, licenses: lone([...new Set(p.licenses)]), analyzer: 'sbom' }));
    expect(back.packages).toEqual(expected);
    // A second trip changes nothing: what is lost is lost once, nothing drifts.
    expect((await roundTrip(back, 'spdx')).packages).toEqual(back.packages);
  });
});

describe('SBOM input for vulnerability matching', () => {
  it('matches the same vulnerabilities as the image, OS packages included (distro and source package restored)', async () => {
    const dir = mkdtempSync(join(work, 'vuln-'));
    const target = await writeVulnerableImage(join(dir, 'layout'));
    const db = await writeStore(dir);
    const image = (await inventoryImage(target)).inventory;
    const ids = (inventory: Inventory): string[] => matchVulnerabilities(inventory.packages, { db, ...(inventory.os === undefined ? {} : { os: inventory.os }) }).matches.map((m) => `${m.id} ${m.package.name}`);
    const fromImage = ids(image);
    expect(fromImage).toContain('CVE-2023-5678 libssl3');
    for (const format of ['cyclonedx', 'spdx'] as const) expect(ids(await roundTrip(image, format))).toEqual(fromImage);
  });
});

describe('SBOMs written by other tools', () => {
  it('CycloneDX as Syft writes it: OS from the distro properties, source from the upstream qualifier, file from the location', async () => {
    const path = writeJson('syft.cdx.json', {
      bomFormat: 'CycloneDX', specVersion: '1.5', version: 1,
      components: [
        { type: 'library', name: 'libssl3', version: '3.0.11-1~deb12u1', purl: 'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&upstream=openssl&distro=debian-12', properties: [{ name: 'syft:location:0:path', value: '/var/lib/dpkg/status' }] },
        { type: 'library', name: 'zlib1g', version: '1:1.2.13.dfsg-1', purl: 'pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&upstream=zlib%401%3A1.2.13.dfsg-1&distro=debian-12' },
        { type: 'operating-system', name: 'debian', version: '12', description: 'Debian GNU/Linux 12 (bookworm)', properties: [{ name: 'syft:distro:id', value: 'debian' }, { name: 'syft:distro:versionCodename', value: 'bookworm' }, { name: 'syft:distro:versionID', value: '12' }] },
      ],
    });
    const { inventory } = await inventoryImage(path);
    expect(inventory.os).toEqual({ id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', codename: 'bookworm' });
    expect(inventory.packages.map((p) => [p.name, p.source, p.file])).toEqual([
      ['libssl3', { name: 'openssl', version: '' }, '/var/lib/dpkg/status'],
      ['zlib1g', { name: 'zlib', version: '1:1.2.13.dfsg-1' }, path],
    ]);
  });

  it('CycloneDX as Trivy writes it: source package from its properties', async () => {
    const path = writeJson('trivy.cdx.json', {
      bomFormat: 'CycloneDX', specVersion: '1.6', version: 1,
      components: [
        { type: 'operating-system', name: 'debian', version: '12.5' },
        { type: 'library', name: 'libssl3', version: '3.0.11-1~deb12u1', purl: 'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12.5', properties: [{ name: 'aquasecurity:trivy:SrcName', value: 'openssl' }, { name: 'aquasecurity:trivy:SrcVersion', value: '3.0.11-1~deb12u1' }] },
      ],
    });
    const { inventory } = await inventoryImage(path);
    expect(inventory.os).toEqual({ id: 'debian', versionId: '12.5' });
    expect(inventory.packages[0]?.source).toEqual({ name: 'openssl', version: '3.0.11-1~deb12u1' });
  });

  it('an rpm purl\'s epoch qualifier is part of the version (1:3.0.7 is newer than any 3.x without one)', async () => {
    const path = writeJson('rpm.cdx.json', {
      bomFormat: 'CycloneDX', specVersion: '1.6', version: 1,
      components: [
        { type: 'operating-system', name: 'rocky', version: '9.3' },
        { type: 'library', name: 'openssl', version: '3.0.7-25.el9', purl: 'pkg:rpm/rocky/openssl@3.0.7-25.el9?arch=x86_64&epoch=1&distro=rocky-9.3' },
        { type: 'library', name: 'bash', version: '5.1.8-6.el9', purl: 'pkg:rpm/rocky/bash@5.1.8-6.el9?arch=x86_64&distro=rocky-9.3' },
      ],
    });
    const { inventory } = await inventoryImage(path);
    expect(inventory.packages.map((p) => `${p.name} ${p.version}`).sort()).toEqual(['bash 5.1.8-6.el9', 'openssl 1:3.0.7-25.el9']);
  });

  it('SPDX with an OPERATING-SYSTEM package, or only distro qualifiers on its purls', async () => {
    const pkg = (name: string, purl: string, extra: object = {}): object => ({ name, SPDXID: `SPDXRef-${name}`, downloadLocation: 'NOASSERTION', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }], ...extra });
    const doc = (packages: object[]): object => ({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'x', packages });
    const apk = pkg('musl', 'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1', { sourceInfo: 'built package from: musl 1.2.4-r2' });
    const withOs = writeJson('trivy.spdx.json', doc([{ name: 'alpine', SPDXID: 'SPDXRef-OS', versionInfo: '3.19.1', primaryPackagePurpose: 'OPERATING-SYSTEM', downloadLocation: 'NOASSERTION' }, apk]));
    const fromOs = (await inventoryImage(withOs)).inventory;
    expect(fromOs.os).toEqual({ id: 'alpine', versionId: '3.19.1' });
    expect(fromOs.packages[0]?.source).toEqual({ name: 'musl', version: '1.2.4-r2' });
    expect((await inventoryImage(writeJson('qualifiers.spdx.json', doc([apk])))).inventory.os).toEqual({ id: 'alpine', versionId: '3.19.1' });
    // Packages of two distros: no guess.
    const mixed = writeJson('mixed.spdx.json', doc([apk, pkg('bash', 'pkg:deb/debian/bash@5.2.15-2?distro=debian-12')]));
    expect((await inventoryImage(mixed)).inventory.os).toBeUndefined();
  });

  it('SPDX LicenseRef-s back to their texts: ids matched without case (SPDX annex D), the name when there is no extracted text', async () => {
    const path = writeJson('refs.spdx.json', {
      spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'x',
      packages: [{ name: 'a', SPDXID: 'SPDXRef-a', downloadLocation: 'NOASSERTION', licenseDeclared: 'LicenseRef-foo AND LicenseRef-Bar AND LicenseRef-none AND MIT', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/a@1.0.0' }] }],
      hasExtractedLicensingInfos: [
        { licenseId: 'LicenseRef-Foo', extractedText: 'The Foo licence' },
        { licenseId: 'LicenseRef-Bar', name: 'Bar Public Licence' },
        { licenseId: 'LicenseRef-none', name: 'NOASSERTION' },
        { licenseId: 7, extractedText: 'not an id' },
      ],
    });
    expect((await inventoryImage(path)).inventory.packages[0]?.licenses).toEqual(['The Foo licence', 'Bar Public Licence', 'LicenseRef-none', 'MIT']);
  });

  it('CycloneDX as Trivy writes it for RPM: its OS family names and the split source version', async () => {
    const path = writeJson('trivy-rpm.cdx.json', {
      bomFormat: 'CycloneDX', specVersion: '1.5', version: 1,
      components: [
        { type: 'operating-system', name: 'alma', version: '9.3' },
        { type: 'library', name: 'openssl-libs', version: '1:3.0.7-24.el9', purl: 'pkg:rpm/alma/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=alma-9.3&epoch=1', properties: [{ name: 'aquasecurity:trivy:SrcName', value: 'openssl' }, { name: 'aquasecurity:trivy:SrcVersion', value: '3.0.7' }, { name: 'aquasecurity:trivy:SrcRelease', value: '24.el9' }, { name: 'aquasecurity:trivy:SrcEpoch', value: '1' }] },
        { type: 'library', name: 'libc6', version: '2.36-9+deb12u4', purl: 'pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64', properties: [{ name: 'aquasecurity:trivy:SrcName', value: 'glibc' }, { name: 'aquasecurity:trivy:SrcVersion', value: '2.36' }, { name: 'aquasecurity:trivy:SrcRelease', value: '9+deb12u4' }, { name: 'aquasecurity:trivy:SrcEpoch', value: '0' }] },
      ],
    });
    const { inventory } = await inventoryImage(path);
    expect(inventory.os).toEqual({ id: 'almalinux', versionId: '9.3' });
    expect(Object.fromEntries(inventory.packages.map((p) => [p.name, p.source]))).toEqual({ 'openssl-libs': { name: 'openssl', version: '1:3.0.7-24.el9' }, libc6: { name: 'glibc', version: '2.36-9+deb12u4' } });
    const redhat = writeJson('trivy-rhel.cdx.json', { bomFormat: 'CycloneDX', specVersion: '1.5', components: [{ type: 'operating-system', name: 'redhat', version: '9.4' }] });
    expect((await inventoryImage(redhat)).inventory.os).toEqual({ id: 'rhel', versionId: '9.4' });
  });

  it('reads an npm purl whose scope is not percent-encoded: the version follows the last "@"', async () => {
    const path = writeJson('scoped.cdx.json', { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', purl: 'pkg:npm/@angular/core@12.0.0' }, { type: 'library', purl: 'pkg:npm/%40nestjs/common@9.1.0' }] });
    const { inventory } = await inventoryImage(path);
    expect(inventory.packages.map((p) => `${p.name} ${p.version}`)).toEqual(['@angular/core 12.0.0', '@nestjs/common 9.1.0']);
  });

  it('hostile documents: malformed purls and shapes are problems, never crashes', async () => {
    const path = writeJson('hostile.cdx.json', {
      bomFormat: 'CycloneDX', specVersion: '1.6',
      components: [null, 7, 'x', { type: 'operating-system', name: 5 }, { purl: 'pkg:npm/%E0%A4%A@1.0.0' }, { purl: 'pkg:npm/ok@1.0.0', properties: 'nope', licenses: [null, { license: 3 }] }, { purl: 'pkg:npm/deep@1.0.0', components: [{ purl: 'pkg:npm/nested@2.0.0' }] }],
    });
    const { inventory } = await inventoryImage(path);
    expect(inventory.packages.map((p) => p.purl)).toEqual(['pkg:npm/deep@1.0.0', 'pkg:npm/nested@2.0.0', 'pkg:npm/ok@1.0.0']);
    expect(inventory.problems.map((p) => p.code)).toEqual(['image-invalid']);
    expect(inventory.os).toBeUndefined();
    const notSbom = writeJson('shape.json', { bomFormat: 'CycloneDX', components: 'none' });
    await expect(inventoryImage(notSbom)).rejects.toSatisfy((e) => e instanceof PalisadeError && e.problem.code === 'image-invalid' && /neither CycloneDX components nor SPDX packages/.test(e.problem.message));
  });
});
