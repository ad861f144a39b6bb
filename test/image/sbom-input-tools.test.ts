/**
 * SBOMs as Trivy and Syft write them (small samples shaped after their documented CycloneDX and
 * SPDX JSON outputs) read into the inventory a Palisade scan of the same image gives: name,
 * version (epoch included), purl, ecosystem, arch, and source package; the OS; and no problems for
 * what those tools always write (their grouping components, the image itself, files).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSbomInventory } from '../../src/loaders/image/sbom-input.js';
import type { Inventory } from '../../src/model/package.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-sbom-tools-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function read(name: string, doc: object): Inventory {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return readSbomInventory(file);
}

const LAYER = `sha256:${'1'.repeat(64)}`;
const DIFF_ID = `sha256:${'2'.repeat(64)}`;
const prop = (name: string, value: string): { name: string; value: string } => ({ name, value });

/** What a Palisade scan of the Debian image the samples describe lists (the fields compared). */
const DEBIAN_IMAGE = [
  { ecosystem: 'deb', name: 'libc6', version: '2.36-9+deb12u4', arch: 'amd64', source: { name: 'glibc', version: '2.36-9+deb12u4' } },
  { ecosystem: 'deb', name: 'zlib1g', version: '1:1.2.13.dfsg-1', arch: 'amd64', source: { name: 'zlib', version: '1:1.2.13.dfsg-1' } },
  { ecosystem: 'npm', name: '@babel/core', version: '7.23.0' },
  { ecosystem: 'npm', name: 'lodash', version: '4.17.20' },
];
const compared = (inventory: Inventory): object[] => inventory.packages.map((p) => ({
  ecosystem: p.ecosystem, name: p.name, version: p.version, ...(p.arch === undefined ? {} : { arch: p.arch }), ...(p.source === undefined ? {} : { source: p.source }),
}));

describe('Trivy', () => {
  it('CycloneDX (trivy image --format cyclonedx): split source version, epoch qualifier, grouping components', () => {
    const inventory = read('trivy.cdx.json', {
      $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json', bomFormat: 'CycloneDX', specVersion: '1.6', serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', version: 1,
      metadata: {
        timestamp: '2026-11-29T00:00:00+00:00', tools: { components: [{ type: 'application', group: 'aquasecurity', name: 'trivy', version: '0.57.0' }] },
        component: { 'bom-ref': 'pkg:oci/app@sha256%3Aabc', type: 'container', name: 'registry.example/app:1', purl: 'pkg:oci/app@sha256%3Aabc?arch=amd64&repository_url=registry.example%2Fapp', properties: [prop('aquasecurity:trivy:SchemaVersion', '2')] },
      },
      components: [
        { 'bom-ref': 'os-ref', type: 'operating-system', name: 'debian', version: '12.5', properties: [prop('aquasecurity:trivy:Class', 'os-pkgs'), prop('aquasecurity:trivy:Type', 'debian')] },
        { 'bom-ref': 'app-ref', type: 'application', name: 'app/package-lock.json', properties: [prop('aquasecurity:trivy:Class', 'lang-pkgs'), prop('aquasecurity:trivy:Type', 'npm')] },
        {
          'bom-ref': 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.5', type: 'library', supplier: { name: 'GNU Libc Maintainers <debian-glibc@lists.debian.org>' },
          name: 'libc6', version: '2.36-9+deb12u4', licenses: [{ license: { name: 'LGPL-2.1' } }, { license: { name: 'GPL-2.0' } }],
          purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.5',
          properties: [prop('aquasecurity:trivy:LayerDiffID', DIFF_ID), prop('aquasecurity:trivy:LayerDigest', LAYER), prop('aquasecurity:trivy:PkgID', 'libc6@2.36-9+deb12u4'), prop('aquasecurity:trivy:PkgType', 'debian'), prop('aquasecurity:trivy:SrcName', 'glibc'), prop('aquasecurity:trivy:SrcRelease', '9+deb12u4'), prop('aquasecurity:trivy:SrcVersion', '2.36')],
        },
        {
          'bom-ref': 'zlib-ref', type: 'library', name: 'zlib1g', version: '1:1.2.13.dfsg-1', purl: 'pkg:deb/debian/zlib1g@1.2.13.dfsg-1?arch=amd64&distro=debian-12.5&epoch=1',
          properties: [prop('aquasecurity:trivy:PkgType', 'debian'), prop('aquasecurity:trivy:SrcEpoch', '1'), prop('aquasecurity:trivy:SrcName', 'zlib'), prop('aquasecurity:trivy:SrcRelease', '1'), prop('aquasecurity:trivy:SrcVersion', '1.2.13.dfsg')],
        },
        { 'bom-ref': 'babel-ref', type: 'library', group: '@babel', name: 'core', version: '7.23.0', purl: 'pkg:npm/%40babel/core@7.23.0', properties: [prop('aquasecurity:trivy:FilePath', 'app/node_modules/@babel/core/package.json'), prop('aquasecurity:trivy:PkgType', 'npm')] },
        { 'bom-ref': 'lodash-ref', type: 'library', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', properties: [prop('aquasecurity:trivy:LayerDigest', LAYER), prop('aquasecurity:trivy:PkgType', 'npm')] },
      ],
      dependencies: [{ ref: 'os-ref', dependsOn: ['pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.5', 'zlib-ref'] }, { ref: 'app-ref', dependsOn: ['babel-ref', 'lodash-ref'] }],
      vulnerabilities: [],
    });
    expect(inventory.problems).toEqual([]);
    expect(inventory.os).toEqual({ id: 'debian', versionId: '12.5' });
    expect(compared(inventory)).toEqual(DEBIAN_IMAGE);
    expect(inventory.packages.find((p) => p.name === 'libc6')).toMatchObject({ layer: LAYER, licenses: ['LGPL-2.1', 'GPL-2.0'] });
    expect(inventory.packages.find((p) => p.name === '@babel/core')?.file).toBe('/app/node_modules/@babel/core/package.json');
  });

  it('SPDX JSON (trivy image --format spdx-json): OPERATING-SYSTEM package, source from sourceInfo, APPLICATION groups', () => {
    const annotation = (comment: string): object => ({ annotator: 'Tool: trivy-0.57.0', annotationDate: '2026-11-29T00:00:00Z', annotationType: 'OTHER', comment });
    const purl = (locator: string): object[] => [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: locator }];
    const inventory = read('trivy.spdx.json', {
      spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT', name: 'registry.example/app:1', documentNamespace: 'http://aquasecurity.github.io/trivy/container_image/registry.example/app:1-5b0a',
      creationInfo: { creators: ['Organization: aquasecurity', 'Tool: trivy-0.57.0'], created: '2026-11-29T00:00:00Z' },
      packages: [
        { name: 'registry.example/app:1', SPDXID: 'SPDXRef-ContainerImage-1', versionInfo: 'sha256:abc', downloadLocation: 'NONE', primaryPackagePurpose: 'CONTAINER', externalRefs: purl('pkg:oci/app@sha256%3Aabc?arch=amd64') },
        { name: 'debian', SPDXID: 'SPDXRef-OperatingSystem-2', versionInfo: '12.5', downloadLocation: 'NONE', copyrightText: '', primaryPackagePurpose: 'OPERATING-SYSTEM' },
        { name: 'app/package-lock.json', SPDXID: 'SPDXRef-Application-3', downloadLocation: 'NONE', primaryPackagePurpose: 'APPLICATION', annotations: [annotation('Class: lang-pkgs'), annotation('Type: npm')] },
        {
          name: 'libc6', SPDXID: 'SPDXRef-Package-4', versionInfo: '2.36-9+deb12u4', supplier: 'Organization: GNU Libc Maintainers', downloadLocation: 'NONE', licenseConcluded: 'NOASSERTION', licenseDeclared: 'LGPL-2.1-only AND GPL-2.0-only',
          sourceInfo: 'built package from: glibc 2.36-9+deb12u4', externalRefs: purl('pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.5'), primaryPackagePurpose: 'LIBRARY',
          annotations: [annotation(`LayerDigest: ${LAYER}`), annotation('PkgType: debian')],
        },
        { name: 'zlib1g', SPDXID: 'SPDXRef-Package-5', versionInfo: '1:1.2.13.dfsg-1', downloadLocation: 'NONE', sourceInfo: 'built package from: zlib 1:1.2.13.dfsg-1', externalRefs: purl('pkg:deb/debian/zlib1g@1.2.13.dfsg-1?arch=amd64&distro=debian-12.5&epoch=1'), primaryPackagePurpose: 'LIBRARY' },
        { name: '@babel/core', SPDXID: 'SPDXRef-Package-6', versionInfo: '7.23.0', downloadLocation: 'NONE', externalRefs: purl('pkg:npm/%40babel/core@7.23.0'), primaryPackagePurpose: 'LIBRARY' },
        { name: 'lodash', SPDXID: 'SPDXRef-Package-7', versionInfo: '4.17.20', downloadLocation: 'NONE', licenseDeclared: 'MIT', externalRefs: purl('pkg:npm/lodash@4.17.20'), primaryPackagePurpose: 'LIBRARY' },
      ],
      relationships: [{ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-ContainerImage-1' }, { spdxElementId: 'SPDXRef-OperatingSystem-2', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-Package-4' }],
    });
    expect(inventory.problems).toEqual([]);
    expect(inventory.os).toEqual({ id: 'debian', versionId: '12.5' });
    expect(compared(inventory)).toEqual(DEBIAN_IMAGE);
    expect(inventory.packages.find((p) => p.name === 'libc6')?.licenses).toEqual(['LGPL-2.1-only', 'GPL-2.0-only']);
  });

  it('Go modules and npm names: Trivy lower-cases the purl, the component keeps the name whose case advisories use', () => {
    const inventory = read('trivy-go.cdx.json', {
      bomFormat: 'CycloneDX', specVersion: '1.6', version: 1,
      components: [
        { type: 'library', name: 'github.com/Azure/go-ntlmssp', version: 'v0.0.0-20220621081337-cb9428e4ac1e', purl: 'pkg:golang/github.com/azure/go-ntlmssp@v0.0.0-20220621081337-cb9428e4ac1e', properties: [prop('aquasecurity:trivy:PkgType', 'gobinary')] },
        { type: 'library', name: 'github.com/BurntSushi/toml', version: 'v1.3.2', purl: 'pkg:golang/github.com/burntsushi/toml@v1.3.2' },
        // A name that is not the purl's module is not taken for it.
        { type: 'library', name: 'toml-fork', version: 'v1.0.0', purl: 'pkg:golang/github.com/other/toml@v1.0.0' },
        { type: 'library', name: 'JSONStream', version: '1.3.5', purl: 'pkg:npm/jsonstream@1.3.5' },
      ],
    });
    expect(inventory.packages.map((p) => p.name)).toEqual(['github.com/Azure/go-ntlmssp', 'github.com/BurntSushi/toml', 'github.com/other/toml', 'JSONStream']);
  });

  it('SPDX 2.2 as older Trivy writes it: elements told apart by SPDXID, not primaryPackagePurpose', () => {
    const purl = (locator: string): object[] => [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: locator }];
    const inventory = read('trivy-2.2.spdx.json', {
      SPDXID: 'SPDXRef-DOCUMENT', creationInfo: { created: '2026-11-29T00:00:00Z', creators: ['Tool: trivy', 'Organization: aquasecurity'] }, dataLicense: 'CC0-1.0', name: 'app', spdxVersion: 'SPDX-2.2',
      packages: [
        { SPDXID: 'SPDXRef-Application-0a1b2c3d4e5f6a7b', filesAnalyzed: false, name: 'Node.js', versionInfo: 'node-pkg' },
        { SPDXID: 'SPDXRef-ContainerImage-1b2c3d4e5f6a7b8c', attributionTexts: [`DiffID: ${DIFF_ID}`], filesAnalyzed: false, name: 'app' },
        { SPDXID: 'SPDXRef-OperatingSystem-2c3d4e5f6a7b8c9d', filesAnalyzed: false, name: 'alpine', versionInfo: '3.19.1' },
        { SPDXID: 'SPDXRef-Package-3d4e5f6a7b8c9d0e', attributionTexts: [`LayerDiffID: ${DIFF_ID}`], externalRefs: purl('pkg:apk/alpine/busybox@1.36.1-r15?distro=3.19.1'), filesAnalyzed: false, licenseDeclared: 'GPL-2.0-only', name: 'busybox', sourceInfo: 'built package from: busybox 1.36.1-r15', versionInfo: '1.36.1-r15' },
        { SPDXID: 'SPDXRef-Package-4e5f6a7b8c9d0e1f', externalRefs: purl('pkg:npm/express@4.18.2'), filesAnalyzed: false, licenseDeclared: 'MIT', name: 'express', versionInfo: '4.18.2' },
      ],
      relationships: [{ relatedSpdxElement: 'SPDXRef-ContainerImage-1b2c3d4e5f6a7b8c', relationshipType: 'DESCRIBE', spdxElementId: 'SPDXRef-DOCUMENT' }],
    });
    expect(inventory.problems).toEqual([]);
    expect(inventory.os).toEqual({ id: 'alpine', versionId: '3.19.1' });
    expect(compared(inventory)).toEqual([
      { ecosystem: 'apk', name: 'busybox', version: '1.36.1-r15', source: { name: 'busybox', version: '1.36.1-r15' } },
      { ecosystem: 'npm', name: 'express', version: '4.18.2' },
    ]);
  });

  it('Alpine purls as Trivy writes them (distro=VERSION, no name) give the OS when the SBOM has no OS element', () => {
    const inventory = read('trivy-apk.cdx.json', {
      bomFormat: 'CycloneDX', specVersion: '1.4', version: 1,
      components: [
        { type: 'library', name: 'musl', version: '1.2.4-r2', purl: 'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=3.19.1' },
        { type: 'library', name: 'busybox', version: '1.36.1-r15', purl: 'pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=3.19.1' },
      ],
    });
    expect(inventory.os).toEqual({ id: 'alpine', versionId: '3.19.1' });
  });
});

describe('purls', () => {
  it('are kept in canonical form: qualifiers sorted, parts encoded as Palisade\'s analyzers encode them, pkg:// and empty segments read', () => {
    const purls = [
      'pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&upstream=glibc&distro=debian-12',
      'pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?distro=debian-12&arch=amd64&Upstream=zlib',
      'pkg:npm/@angular/core@12.0.0',
      'pkg://npm/lodash@4.17.20',
      'pkg:NPM//left-pad@1.3.0?foo=',
      'pkg:golang/github.com/sirupsen/logrus@v1.9.3#/hooks/./syslog/',
    ];
    const inventory = read('purls.cdx.json', { bomFormat: 'CycloneDX', specVersion: '1.6', components: purls.map((purl) => ({ type: 'library', purl })) });
    expect(inventory.problems).toEqual([]);
    expect(inventory.packages.map((p) => p.purl)).toEqual([
      'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc',
      'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib',
      'pkg:golang/github.com/sirupsen/logrus@v1.9.3#hooks/syslog',
      'pkg:npm/%40angular/core@12.0.0',
      'pkg:npm/left-pad@1.3.0',
      'pkg:npm/lodash@4.17.20',
    ]);
    expect(inventory.packages.map((p) => p.name)).toEqual(['libc6', 'zlib1g', 'github.com/sirupsen/logrus', '@angular/core', 'left-pad', 'lodash']);
  });
});

describe('in-toto statements', () => {
  it('an SBOM as the predicate of an in-toto statement (BuildKit\'s sbom.spdx.json, image attestations)', () => {
    const subject = [{ name: 'registry.example/app', digest: { sha256: 'c'.repeat(64) } }];
    const spdx = read('buildkit.spdx.json', {
      _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://spdx.dev/Document', subject,
      predicate: { spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'sbom', packages: [{ name: 'lodash', SPDXID: 'SPDXRef-1', versionInfo: '4.17.20', downloadLocation: 'NOASSERTION', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/lodash@4.17.20' }] }] },
    });
    expect(spdx.packages.map((p) => p.purl)).toEqual(['pkg:npm/lodash@4.17.20']);
    const cdx = read('statement.cdx.json', { _type: 'https://in-toto.io/Statement/v1', subject, predicateType: 'https://cyclonedx.org/bom', predicate: { bomFormat: 'CycloneDX', specVersion: '1.5', components: [] } });
    expect(cdx).toMatchObject({ packages: [], problems: [] });
  });
});

describe('Syft', () => {
  it('CycloneDX (syft -o cyclonedx-json): distro properties, upstream qualifiers, locations', () => {
    const inventory = read('syft.cdx.json', {
      $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json', bomFormat: 'CycloneDX', specVersion: '1.6', serialNumber: 'urn:uuid:1b3b5b3c-7f0e-4c8e-9d1d-7a0c5e3b2c11', version: 1,
      metadata: { timestamp: '2026-11-29T00:00:00Z', tools: { components: [{ type: 'application', author: 'anchore', name: 'syft', version: '1.18.0' }] }, component: { 'bom-ref': 'img', type: 'container', name: 'registry.example/app', version: 'sha256:abc' } },
      components: [
        {
          'bom-ref': 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc&distro=debian-12&package-id=1a2b', type: 'library', publisher: 'GNU Libc Maintainers <debian-glibc@lists.debian.org>',
          name: 'libc6', version: '2.36-9+deb12u4', licenses: [{ license: { id: 'GPL-2.0-only' } }, { license: { name: 'LGPL-2.1' } }], cpe: 'cpe:2.3:a:libc6:libc6:2.36-9\\+deb12u4:*:*:*:*:*:*:*',
          purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc&distro=debian-12',
          properties: [prop('syft:package:foundBy', 'dpkg-db-cataloger'), prop('syft:package:type', 'deb'), prop('syft:package:metadataType', 'dpkg-db-entry'), prop('syft:location:0:layerID', DIFF_ID), prop('syft:location:0:path', '/var/lib/dpkg/status'), prop('syft:metadata:source', 'glibc'), prop('syft:metadata:installedSize', '12985')],
        },
        {
          'bom-ref': 'zlib', type: 'library', name: 'zlib1g', version: '1:1.2.13.dfsg-1', purl: 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&upstream=zlib&distro=debian-12',
          properties: [prop('syft:package:type', 'deb'), prop('syft:location:0:path', '/var/lib/dpkg/status'), prop('syft:metadata:source', 'zlib')],
        },
        { 'bom-ref': 'babel', type: 'library', author: 'The Babel Team (https://babel.dev/team)', name: '@babel/core', version: '7.23.0', purl: 'pkg:npm/%40babel/core@7.23.0', properties: [prop('syft:package:language', 'javascript'), prop('syft:location:0:path', '/app/node_modules/@babel/core/package.json')] },
        { 'bom-ref': 'lodash', type: 'library', name: 'lodash', version: '4.17.20', licenses: [{ license: { id: 'MIT' } }], purl: 'pkg:npm/lodash@4.17.20', properties: [prop('syft:location:0:path', '/app/node_modules/lodash/package.json')] },
        {
          'bom-ref': 'os:debian@12', type: 'operating-system', name: 'debian', version: '12', description: 'Debian GNU/Linux 12 (bookworm)', swid: { tagId: 'debian', name: 'debian', version: '12' },
          externalReferences: [{ url: 'https://bugs.debian.org/', type: 'issue-tracker' }],
          properties: [prop('syft:distro:id', 'debian'), prop('syft:distro:prettyName', 'Debian GNU/Linux 12 (bookworm)'), prop('syft:distro:versionCodename', 'bookworm'), prop('syft:distro:versionID', '12')],
        },
        { 'bom-ref': 'f1', type: 'file', name: '/usr/lib/x86_64-linux-gnu/libc.so.6', hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }] },
      ],
      dependencies: [{ ref: 'zlib', dependsOn: ['pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc&distro=debian-12&package-id=1a2b'] }],
    });
    expect(inventory.problems).toEqual([]);
    expect(inventory.os).toEqual({ id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', codename: 'bookworm' });
    // Syft names the Debian source without its version: matching takes the binary's.
    expect(compared(inventory)).toEqual(DEBIAN_IMAGE.map((p) => (p.source === undefined ? p : { ...p, source: { name: p.source.name, version: '' } })));
    expect(inventory.packages.map((p) => p.file)).toEqual(['/var/lib/dpkg/status', '/var/lib/dpkg/status', '/app/node_modules/@babel/core/package.json', '/app/node_modules/lodash/package.json']);
  });

  it('SPDX JSON (syft -o spdx-json): the image package, files and relationships, purls with the distro', () => {
    const purl = (locator: string): object[] => [{ referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:a:x:x:1:*:*:*:*:*:*:*' }, { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: locator }];
    const inventory = read('syft.spdx.json', {
      spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT', name: 'registry.example/app', documentNamespace: 'https://anchore.com/syft/image/registry.example/app-0b1c',
      creationInfo: { licenseListVersion: '3.25', creators: ['Organization: Anchore, Inc', 'Tool: syft-1.18.0'], created: '2026-11-29T00:00:00Z' },
      packages: [
        { name: 'libc6', SPDXID: 'SPDXRef-Package-deb-libc6-1a2b', versionInfo: '2.36-9+deb12u4', supplier: 'Person: GNU Libc Maintainers (debian-glibc@lists.debian.org)', originator: 'Person: GNU Libc Maintainers', downloadLocation: 'NOASSERTION', filesAnalyzed: false, sourceInfo: 'acquired package info from DPKG DB: /var/lib/dpkg/status, /usr/share/doc/libc6/copyright', licenseConcluded: 'NOASSERTION', licenseDeclared: 'GPL-2.0-only AND LGPL-2.1-only', copyrightText: 'NOASSERTION', externalRefs: purl('pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc&distro=debian-12') },
        { name: 'zlib1g', SPDXID: 'SPDXRef-Package-deb-zlib1g-2c3d', versionInfo: '1:1.2.13.dfsg-1', downloadLocation: 'NOASSERTION', sourceInfo: 'acquired package info from DPKG DB: /var/lib/dpkg/status', licenseDeclared: 'NOASSERTION', externalRefs: purl('pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&upstream=zlib&distro=debian-12') },
        { name: '@babel/core', SPDXID: 'SPDXRef-Package-npm--babel-core-3d4e', versionInfo: '7.23.0', downloadLocation: 'https://registry.npmjs.org/@babel/core/-/core-7.23.0.tgz', sourceInfo: 'acquired package info from installed node module manifest file: /app/node_modules/@babel/core/package.json', externalRefs: purl('pkg:npm/%40babel/core@7.23.0') },
        { name: 'lodash', SPDXID: 'SPDXRef-Package-npm-lodash-4e5f', versionInfo: '4.17.20', downloadLocation: 'NOASSERTION', sourceInfo: 'acquired package info from installed node module manifest file: /app/node_modules/lodash/package.json', licenseDeclared: 'MIT', externalRefs: purl('pkg:npm/lodash@4.17.20') },
        { name: 'registry.example/app', SPDXID: 'SPDXRef-DocumentRoot-Image-registry.example-app', versionInfo: 'sha256:abc', downloadLocation: 'NOASSERTION', primaryPackagePurpose: 'CONTAINER', externalRefs: purl('pkg:oci/app@sha256%3Aabc?arch=amd64') },
      ],
      files: [{ fileName: '/var/lib/dpkg/status', SPDXID: 'SPDXRef-File-1', checksums: [{ algorithm: 'SHA256', checksumValue: 'b'.repeat(64) }], licenseConcluded: 'NOASSERTION', copyrightText: '' }],
      relationships: [{ spdxElementId: 'SPDXRef-Package-deb-libc6-1a2b', relatedSpdxElement: 'SPDXRef-File-1', relationshipType: 'OTHER', comment: 'evident-by: indicates the package\'s existence is evident by the given file' }],
    });
    expect(inventory.problems).toEqual([]);
    expect(inventory.os).toEqual({ id: 'debian', versionId: '12' });
    expect(compared(inventory)).toEqual(DEBIAN_IMAGE.map((p) => (p.source === undefined ? p : { ...p, source: { name: p.source.name, version: '' } })));
    expect(inventory.packages.map((p) => p.file)).toEqual(['/var/lib/dpkg/status', '/var/lib/dpkg/status', '/app/node_modules/@babel/core/package.json', '/app/node_modules/lodash/package.json']);
  });

  it('RPM: the source rpm file name in the upstream qualifier gives the source package, with the binary\'s epoch', () => {
    const inventory = read('syft-rpm.cdx.json', {
      bomFormat: 'CycloneDX', specVersion: '1.5', version: 1,
      components: [
        { type: 'library', name: 'openssl-libs', version: '1:3.0.7-24.el9', purl: 'pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-24.el9.src.rpm&distro=rhel-9.3' },
        { type: 'library', name: 'bash', version: '5.1.8-6.el9_1', purl: 'pkg:rpm/redhat/bash@5.1.8-6.el9_1?arch=x86_64&upstream=bash-5.1.8-6.el9_1.src.rpm&distro=rhel-9.3' },
        { type: 'library', name: 'gpg-pubkey', version: 'fd431d51-4ae0493b', purl: 'pkg:rpm/redhat/gpg-pubkey@fd431d51-4ae0493b?distro=rhel-9.3' },
      ],
    });
    expect(inventory.os).toEqual({ id: 'rhel', versionId: '9.3' });
    expect(compared(inventory)).toEqual([
      { ecosystem: 'rpm', name: 'bash', version: '5.1.8-6.el9_1', arch: 'x86_64', source: { name: 'bash', version: '5.1.8-6.el9_1' } },
      { ecosystem: 'rpm', name: 'gpg-pubkey', version: 'fd431d51-4ae0493b' },
      { ecosystem: 'rpm', name: 'openssl-libs', version: '1:3.0.7-24.el9', arch: 'x86_64', source: { name: 'openssl', version: '1:3.0.7-24.el9' } },
    ]);
  });
});
