/**
 * What Trivy and Syft read of Palisade's SBOMs besides the purl: an OS package's source package
 * (advisories of Debian, Alpine and Red Hat are filed by it) and where the package was found.
 * The expectations follow those tools' readers: Trivy's CycloneDX decoder takes
 * aquasecurity:trivy:SrcName/SrcEpoch/SrcVersion/SrcRelease and its SPDX decoder a sourceInfo
 * "built package from: NAME VERSION"; otherwise each binary package is its own source.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory, Package } from '../../src/model/package.js';
import { readSbomInventory } from '../../src/loaders/image/sbom-input.js';
import { cycloneDx } from '../../src/writers/cyclonedx/index.js';
import { spdx } from '../../src/writers/spdx/index.js';
import { sbomValidators } from './support/sbom-schemas.js';

const options = { toolVersion: '0.1.0', now: () => new Date('2026-11-29T00:00:00Z') };
const LAYER = `sha256:${'1'.repeat(64)}`;
const DIFF_ID = `sha256:${'2'.repeat(64)}`;
const work = mkdtempSync(join(tmpdir(), 'palisade-sbom-tools-'));

const os = (name: string, version: string, ecosystem: 'deb' | 'apk' | 'rpm', source: Package['source'], file: string): Package => ({
  name, version, ecosystem, licenses: [], file, analyzer: ecosystem, layer: LAYER,
  purl: `pkg:${ecosystem}/x/${name}@${encodeURIComponent(version)}`, ...(source === undefined ? {} : { source }),
});

const packages: Package[] = [
  os('libc6', '2.36-9+deb12u4', 'deb', { name: 'glibc', version: '2.36-9+deb12u4' }, '/var/lib/dpkg/status'),
  os('bsdutils', '1:2.38.1-5+b1', 'deb', { name: 'util-linux', version: '1:2.38.1-5' }, '/var/lib/dpkg/status'),
  os('adduser', '3.134', 'deb', { name: 'adduser', version: '3.134' }, '/var/lib/dpkg/status'),
  os('libcrypto3', '3.3.2-r0', 'apk', { name: 'openssl', version: '3.3.2-r0' }, '/lib/apk/db/installed'),
  os('openssl-libs', '1:3.0.7-27.el9', 'rpm', { name: 'openssl', version: '1:3.0.7-27.el9' }, '/var/lib/rpm/rpmdb.sqlite'),
];
const inventory: Inventory = {
  target: 'oci:/srv/img',
  image: { name: 'oci:/srv/img', configDigest: `sha256:${'c'.repeat(64)}`, os: 'linux', architecture: 'amd64', layers: [{ digest: LAYER, diffId: DIFF_ID, size: 1 }], repoTags: [] },
  packages,
  problems: [],
};

type Props = { name: string; value: string }[];
const components = (): { name: string; properties: Props }[] => (JSON.parse(cycloneDx(inventory, options)) as { components: { name: string; properties: Props }[] }).components;
const trivy = (props: Props): Record<string, string> => Object.fromEntries(props.filter((p) => p.name.startsWith('aquasecurity:trivy:Src')).map((p) => [p.name.slice('aquasecurity:trivy:'.length), p.value]));

describe('CycloneDX: the source package as Trivy reads it', () => {
  it('SrcName, and the source version split into SrcEpoch, SrcVersion and SrcRelease as dpkg and rpm split it; Alpine whole', () => {
    const byName = new Map(components().map((c) => [c.name, trivy(c.properties)]));
    expect(byName.get('libc6')).toEqual({ SrcName: 'glibc', SrcVersion: '2.36', SrcRelease: '9+deb12u4' });
    expect(byName.get('bsdutils')).toEqual({ SrcName: 'util-linux', SrcEpoch: '1', SrcVersion: '2.38.1', SrcRelease: '5' });
    expect(byName.get('adduser')).toEqual({ SrcName: 'adduser', SrcVersion: '3.134' });
    expect(byName.get('libcrypto3')).toEqual({ SrcName: 'openssl', SrcVersion: '3.3.2-r0' });
    expect(byName.get('openssl-libs')).toEqual({ SrcName: 'openssl', SrcEpoch: '1', SrcVersion: '3.0.7', SrcRelease: '27.el9' });
  });

  it('the layer (blob digest and diff id) and the file under Trivy\'s and Syft\'s names', () => {
    const props = components().find((c) => c.name === 'libc6')?.properties ?? [];
    expect(props).toEqual(expect.arrayContaining([
      { name: 'aquasecurity:trivy:LayerDigest', value: LAYER },
      { name: 'aquasecurity:trivy:LayerDiffID', value: DIFF_ID },
      { name: 'syft:location:0:path', value: '/var/lib/dpkg/status' },
      { name: 'syft:location:0:layerID', value: DIFF_ID },
    ]));
  });

  it('without Palisade\'s own properties, the Trivy ones alone give back every source package exactly', () => {
    const bom = JSON.parse(cycloneDx(inventory, options)) as { components: { properties?: Props }[] };
    for (const c of bom.components) if (c.properties !== undefined) c.properties = c.properties.filter((p) => !p.name.startsWith('palisade:'));
    const path = join(work, 'trivy-only.cdx.json');
    writeFileSync(path, JSON.stringify(bom));
    const back = readSbomInventory(path).packages;
    expect(Object.fromEntries(back.map((p) => [p.name, p.source]))).toEqual(Object.fromEntries(packages.map((p) => [p.name, p.source])));
  });

  it('stays schema-valid', () => {
    const validators = sbomValidators();
    if (validators !== undefined) expect(validators.cyclonedx(JSON.parse(cycloneDx(inventory, options)))).toEqual([]);
  });
});

describe('SPDX: the source package as Trivy reads it', () => {
  it('sourceInfo is "built package from: NAME VERSION", two fields after the prefix', () => {
    const doc = JSON.parse(spdx(inventory, options)) as { packages: { name: string; sourceInfo?: string }[] };
    for (const p of packages) {
      const info = doc.packages.find((q) => q.name === p.name)?.sourceInfo ?? '';
      // Trivy: strings.HasPrefix(sourceInfo, "built package from"), TrimPrefix "built package from: ", Split " " into exactly 2.
      expect(info.startsWith('built package from: ')).toBe(true);
      expect(info.slice('built package from: '.length).split(' ')).toEqual([p.source?.name, p.source?.version]);
    }
    const path = join(work, 'sources.spdx.json');
    writeFileSync(path, spdx(inventory, options));
    expect(Object.fromEntries(readSbomInventory(path).packages.map((p) => [p.name, p.source]))).toEqual(Object.fromEntries(packages.map((p) => [p.name, p.source])));
  });
});
