/**
 * What SBOM consumers (Dependency-Track, GUAC, registries) read besides schema validity: the image
 * as the subject, named by its repository with a pkg:oci purl (purl-spec `oci` type), each
 * package's purpose in SPDX, and names that survive a round trip through Palisade's own SBOMs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImageInfo, Inventory } from '../../src/model/package.js';
import { readSbomInventory } from '../../src/loaders/image/sbom-input.js';
import { cycloneDx } from '../../src/writers/cyclonedx/index.js';
import { spdx } from '../../src/writers/spdx/index.js';
import { sbomValidators } from './support/sbom-schemas.js';

const DIGEST = `sha256:${'b'.repeat(64)}`;
const CONFIG = `sha256:${'c'.repeat(64)}`;
const options = { toolVersion: '0.1.0', now: () => new Date('2026-11-29T00:00:00Z') };
const work = mkdtempSync(join(tmpdir(), 'palisade-sbom-consumers-'));

function imageInventory(target: string, image: Partial<ImageInfo>): Inventory {
  return {
    target,
    image: { name: target, configDigest: CONFIG, os: 'linux', architecture: 'arm64', layers: [], repoTags: [], ...image },
    packages: [{ name: 'PyYAML', version: '6.0.1', ecosystem: 'pypi', purl: 'pkg:pypi/pyyaml@6.0.1', licenses: ['MIT'], file: '/usr/lib/python3/dist-packages/PyYAML-6.0.1.dist-info/METADATA', analyzer: 'python' }],
    problems: [],
  };
}

interface Subject { type: string; name: string; version?: string; purl?: string; properties?: { name: string; value: string }[] }
const subjectOf = (inventory: Inventory): Subject => (JSON.parse(cycloneDx(inventory, options)) as { metadata: { component: Subject } }).metadata.component;

interface SpdxPackage { name: string; SPDXID: string; primaryPackagePurpose?: string; externalRefs?: { referenceLocator: string }[] }
const spdxPackages = (inventory: Inventory): SpdxPackage[] => (JSON.parse(spdx(inventory, options)) as { packages: SpdxPackage[] }).packages;

describe('the image as the SBOM subject', () => {
  it('a registry image: its repository as the name, the manifest digest as the version, a pkg:oci purl with arch, repository_url and tag', () => {
    const inventory = imageInventory('docker://alpine:3.20', { manifestDigest: DIGEST, repoTags: ['docker.io/library/alpine:3.20'] });
    const purl = `pkg:oci/alpine@${DIGEST}?arch=arm64&repository_url=docker.io%2Flibrary%2Falpine&tag=3.20`;
    expect(subjectOf(inventory)).toMatchObject({ type: 'container', name: 'docker.io/library/alpine', version: DIGEST, purl });
    expect(subjectOf(inventory).properties).toContainEqual({ name: 'palisade:image:target', value: 'docker://alpine:3.20' });
    const [subject] = spdxPackages(inventory);
    expect(subject).toMatchObject({ name: 'docker.io/library/alpine', primaryPackagePurpose: 'CONTAINER', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }] });
  });

  it('names as images record them: a private registry with a port, a podman name, a digest reference', () => {
    const purlOf = (target: string, image: Partial<ImageInfo>): string | undefined => subjectOf(imageInventory(target, { manifestDigest: DIGEST, ...image })).purl;
    expect(purlOf('docker://registry.example:5000/team/App-x:v1', {})).toBeUndefined(); // upper case: not a valid repository
    expect(purlOf('docker://registry.example:5000/team/app:v1', {})).toBe(`pkg:oci/app@${DIGEST}?arch=arm64&repository_url=registry.example:5000%2Fteam%2Fapp&tag=v1`);
    expect(purlOf('containers-storage:localhost/app:1', { repoTags: ['localhost/app:1'] })).toBe(`pkg:oci/app@${DIGEST}?arch=arm64&repository_url=localhost%2Fapp&tag=1`);
    expect(purlOf(`docker://ghcr.io/org/tool@${DIGEST}`, {})).toBe(`pkg:oci/tool@${DIGEST}?arch=arm64&repository_url=ghcr.io%2Forg%2Ftool`);
    expect(purlOf('docker://index.docker.io/nginx:1.27', {})).toBe(`pkg:oci/nginx@${DIGEST}?arch=arm64&repository_url=docker.io%2Flibrary%2Fnginx&tag=1.27`);
  });

  it('no purl without a manifest digest or a repository: a layout naming only a tag, a docker save archive', () => {
    const layout = imageInventory('oci:/srv/layout:3.20', { manifestDigest: DIGEST, repoTags: ['3.20'] });
    expect(subjectOf(layout)).toMatchObject({ type: 'container', name: 'oci:/srv/layout:3.20', version: DIGEST });
    expect(subjectOf(layout).purl).toBeUndefined();
    expect(spdxPackages(layout)[0]?.externalRefs).toBeUndefined();
    const archive = imageInventory('docker-archive:/srv/app.tar', { repoTags: ['app:1'] });
    expect(subjectOf(archive)).toMatchObject({ name: 'docker.io/library/app', version: CONFIG });
    expect(subjectOf(archive).purl).toBeUndefined();
  });

  it('schema-valid, and read back without the image counted as a package', () => {
    const inventory = imageInventory('docker://alpine:3.20', { manifestDigest: DIGEST });
    const validators = sbomValidators();
    if (validators !== undefined) {
      expect(validators.cyclonedx(JSON.parse(cycloneDx(inventory, options)))).toEqual([]);
      expect(validators.spdx(JSON.parse(spdx(inventory, options)))).toEqual([]);
    }
    for (const [name, text] of [['image.cdx.json', cycloneDx(inventory, options)], ['image.spdx.json', spdx(inventory, options)]] as const) {
      writeFileSync(join(work, name), text);
      const back = readSbomInventory(join(work, name));
      expect(back.problems).toEqual([]);
      expect(back.packages.map((p) => p.purl)).toEqual(['pkg:pypi/pyyaml@6.0.1']);
    }
  });
});

describe('SPDX packages', () => {
  it('say they are libraries (primaryPackagePurpose), the OS and the image theirs', () => {
    const inventory: Inventory = { ...imageInventory('docker://alpine:3.20', { manifestDigest: DIGEST }), os: { id: 'alpine', versionId: '3.20.3' } };
    expect(spdxPackages(inventory).map((p) => p.primaryPackagePurpose)).toEqual(['CONTAINER', 'OPERATING_SYSTEM', 'LIBRARY']);
  });
});

describe('round trip of names', () => {
  it('a Python distribution keeps its declared name (PyYAML), though its purl name is normalised (pyyaml)', () => {
    const inventory = imageInventory('docker://alpine:3.20', { manifestDigest: DIGEST });
    for (const [name, text] of [['py.cdx.json', cycloneDx(inventory, options)], ['py.spdx.json', spdx(inventory, options)]] as const) {
      writeFileSync(join(work, name), text);
      expect(readSbomInventory(join(work, name)).packages.map((p) => [p.name, p.purl])).toEqual([['PyYAML', 'pkg:pypi/pyyaml@6.0.1']]);
    }
    // A component name that is another package than the purl's does not replace it.
    writeFileSync(join(work, 'other.cdx.json'), JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'requests', purl: 'pkg:pypi/pyyaml@6.0.1' }] }));
    expect(readSbomInventory(join(work, 'other.cdx.json')).packages[0]?.name).toBe('pyyaml');
  });
});

describe('purl qualifiers as purl-spec decodes them', () => {
  it('a "+" in a qualifier value is a "+", not a space: the source version of Syft\'s upstream qualifier is matched against advisories', () => {
    writeFileSync(join(work, 'plus.cdx.json'), JSON.stringify({
      bomFormat: 'CycloneDX', specVersion: '1.6',
      components: [{ type: 'library', name: 'libgmp10', purl: 'pkg:deb/debian/libgmp10@2:6.2.1+dfsg1-1.1?arch=amd64&distro=debian-12&upstream=gmp@6.2.1+dfsg1-1.1' }],
    }));
    const [pkg] = readSbomInventory(join(work, 'plus.cdx.json')).packages;
    expect([pkg?.version, pkg?.source, pkg?.arch]).toEqual(['2:6.2.1+dfsg1-1.1', { name: 'gmp', version: '6.2.1+dfsg1-1.1' }, 'amd64']);
  });
});

describe('serial number and document namespace', () => {
  const serial = (inventory: Inventory, extra: object = {}): string[] => [
    (JSON.parse(cycloneDx(inventory, { ...options, ...extra })) as { serialNumber: string }).serialNumber,
    (JSON.parse(spdx(inventory, { ...options, ...extra })) as { documentNamespace: string }).documentNamespace,
  ];

  it('follow the whole content: two different SBOMs of one image never share them; the same content keeps them whatever the clock', () => {
    const inventory = imageInventory('docker://alpine:3.20', { manifestDigest: DIGEST });
    const relicensed: Inventory = { ...inventory, packages: inventory.packages.map((p) => ({ ...p, licenses: ['Apache-2.0'] })) };
    const withOs: Inventory = { ...inventory, os: { id: 'alpine', versionId: '3.20.3' } };
    const first = serial(inventory);
    for (const other of [serial(relicensed), serial(withOs), serial(inventory, { toolVersion: '0.2.0' })]) {
      expect(other[0]).not.toBe(first[0]);
      expect(other[1]).not.toBe(first[1]);
    }
    expect(serial(inventory, { now: () => new Date('2027-01-01T00:00:00Z') })).toEqual(first);
  });
});

describe('CycloneDX licences', () => {
  const licensed = (licenses: string[]): Inventory => ({ ...imageInventory('docker://alpine:3.20', { manifestDigest: DIGEST }), packages: [{ name: 'p', version: '1.0.0', ecosystem: 'npm', purl: 'pkg:npm/p@1.0.0', licenses, file: '/app/node_modules/p/package.json', analyzer: 'npm-package' }] });
  const written = (licenses: string[]): unknown => (JSON.parse(cycloneDx(licensed(licenses), options)) as { components: { licenses?: unknown }[] }).components[0]?.licenses;

  it('an expression among several SPDX licences makes one expression joined by AND, never a licence name; OR keeps its parentheses', () => {
    expect(written(['ISC', '(MIT OR Apache-2.0)'])).toEqual([{ expression: 'ISC AND (MIT OR Apache-2.0)' }]);
    expect(written(['ISC', '(MIT) OR (Apache-2.0)'])).toEqual([{ expression: 'ISC AND ((MIT) OR (Apache-2.0))' }]);
    expect(written(['GPL-2.0-only WITH Classpath-exception-2.0', 'MIT'])).toEqual([{ expression: '(GPL-2.0-only WITH Classpath-exception-2.0) AND MIT' }]);
    // A licence that is not SPDX cannot be in an expression: the list form stays, with ids as ids.
    expect(written(['MIT', 'Custom'])).toEqual([{ license: { id: 'MIT' } }, { license: { name: 'Custom' } }]);
  });

  it('read back as the licences they join', () => {
    const path = join(work, 'licences.cdx.json');
    writeFileSync(path, cycloneDx(licensed(['ISC', '(MIT OR Apache-2.0)']), options));
    expect(readSbomInventory(path).packages[0]?.licenses).toEqual(['ISC', 'MIT OR Apache-2.0']);
  });
});

describe('where a package was found, from Trivy\'s and Syft\'s SBOMs', () => {
  it('Trivy CycloneDX: the layer from aquasecurity:trivy:LayerDigest (the blob digest, as Palisade records it); Syft SPDX: the file from sourceInfo', () => {
    const layer = `sha256:${'d'.repeat(64)}`;
    writeFileSync(join(work, 'trivy-layer.cdx.json'), JSON.stringify({
      bomFormat: 'CycloneDX', specVersion: '1.6',
      components: [{ type: 'library', name: 'lodash', purl: 'pkg:npm/lodash@4.17.20', properties: [
        { name: 'aquasecurity:trivy:FilePath', value: 'app/node_modules/lodash/package.json' },
        { name: 'aquasecurity:trivy:LayerDiffID', value: `sha256:${'e'.repeat(64)}` },
        { name: 'aquasecurity:trivy:LayerDigest', value: layer },
      ] }],
    }));
    expect(readSbomInventory(join(work, 'trivy-layer.cdx.json')).packages.map((p) => [p.file, p.layer])).toEqual([['/app/node_modules/lodash/package.json', layer]]);
    writeFileSync(join(work, 'syft.spdx.json'), JSON.stringify({
      spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'x',
      packages: [{
        name: 'libc6', SPDXID: 'SPDXRef-Package-deb-libc6', downloadLocation: 'NOASSERTION',
        sourceInfo: 'acquired package info from DPKG DB: /var/lib/dpkg/status, /usr/share/doc/libc6/copyright',
        externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc&distro=debian-12' }],
      }],
    }));
    expect(readSbomInventory(join(work, 'syft.spdx.json')).packages.map((p) => [p.file, p.source])).toEqual([['/var/lib/dpkg/status', { name: 'glibc', version: '' }]]);
  });
});
