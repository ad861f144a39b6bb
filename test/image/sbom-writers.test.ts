/** The SBOM writers on a hand-made inventory covering the awkward cases (licences, duplicates, no image). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventoryImage } from '../../src/sdk/index.js';
import type { Inventory, Package } from '../../src/model/package.js';
import { cycloneDx } from '../../src/writers/cyclonedx/index.js';
import { spdx } from '../../src/writers/spdx/index.js';
import { purl } from '../../src/analyzers/index.js';
import { parsePurl } from '../../src/loaders/image/index.js';
import { sbomValidators } from './support/sbom-schemas.js';

const pkg = (name: string, version: string, licenses: string[], file: string): Package => ({
  name, version, ecosystem: 'npm', licenses, file, analyzer: 'npm-package', purl: purl({ type: 'npm', name, version }),
});

const inventory: Inventory = {
  target: 'oci:/tmp/app:1',
  os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', codename: 'bookworm' },
  image: { name: 'oci:/tmp/app:1', configDigest: `sha256:${'a'.repeat(64)}`, os: 'linux', architecture: 'amd64', layers: [], repoTags: ['localhost/app:1'] },
  packages: [
    pkg('a', '1.0.0', ['MIT'], '/app/node_modules/a/package.json'),
    pkg('a', '1.0.0', ['MIT'], '/app/node_modules/b/node_modules/a/package.json'),
    pkg('b', '2.0.0', ['(MIT OR Apache-2.0)'], '/app/node_modules/b/package.json'),
    pkg('c', '3.0.0', ['Custom licence, see LICENSE'], '/app/node_modules/c/package.json'),
    pkg('d', '4.0.0', ['ISC', 'BSD-3-Clause'], '/app/node_modules/d/package.json'),
    { ...pkg('libc6', '2.36-9+deb12u4', [], '/var/lib/dpkg/status'), ecosystem: 'deb', analyzer: 'dpkg', source: { name: 'glibc', version: '2.36-9+deb12u4' }, arch: 'amd64',
      purl: purl({ type: 'deb', namespace: 'debian', name: 'libc6', version: '2.36-9+deb12u4', qualifiers: { distro: 'debian-12', arch: 'amd64' } }) },
  ],
  problems: [],
};
const options = { toolVersion: '0.1.0', now: () => new Date('2026-05-06T07:08:09.123Z') };

describe('SBOM writers', () => {
  it('write canonical purls', () => {
    expect(inventory.packages[5]?.purl).toBe('pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12');
    expect(purl({ type: 'npm', namespace: '@babel', name: 'core', version: '7.0.0' })).toBe('pkg:npm/%40babel/core@7.0.0');
    // purl-spec: a colon is never percent-encoded, whatever component it is in ('+' is).
    const epoch = purl({ type: 'deb', namespace: 'debian', name: 'bsdutils', version: '1:2.38.1-5+b1' });
    expect(epoch).toBe('pkg:deb/debian/bsdutils@1:2.38.1-5%2Bb1');
    expect(parsePurl(epoch)?.version).toBe('1:2.38.1-5+b1');
  });

  it('CycloneDX: unique bom-refs, licence ids/expressions/names, injected clock, content-derived serial', () => {
    const bom = JSON.parse(cycloneDx(inventory, options)) as { serialNumber: string; metadata: { timestamp: string }; components: { 'bom-ref': string; licenses?: unknown[] }[] };
    expect(bom.metadata.timestamp).toBe('2026-05-06T07:08:09Z');
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const refs = bom.components.map((c) => c['bom-ref']);
    expect(new Set(refs).size).toBe(refs.length);
    expect(bom.components.map((c) => c.licenses)).toEqual([
      undefined,
      [{ license: { id: 'MIT' } }], [{ license: { id: 'MIT' } }],
      [{ expression: '(MIT OR Apache-2.0)' }],
      [{ license: { name: 'Custom licence, see LICENSE' } }],
      [{ license: { id: 'ISC' } }, { license: { id: 'BSD-3-Clause' } }],
      undefined,
    ]);
    expect(cycloneDx(inventory, options)).toBe(cycloneDx(inventory, options));
  });

  it('SPDX: LicenseRefs carry the declared text, ids are unique', () => {
    const doc = JSON.parse(spdx(inventory, options)) as { packages: { SPDXID: string; licenseDeclared: string }[]; hasExtractedLicensingInfos: { licenseId: string; extractedText: string }[] };
    const custom = doc.hasExtractedLicensingInfos[0]?.licenseId ?? '';
    // The name had to change (spaces, a comma): readable part plus a hash of the original.
    expect(custom).toMatch(/^LicenseRef-Custom-licence-see-LICENSE-[0-9a-f]{8}$/);
    expect(doc.packages.map((p) => p.licenseDeclared)).toEqual(['NOASSERTION', 'NOASSERTION', 'MIT', 'MIT', '(MIT OR Apache-2.0)', custom, 'ISC AND BSD-3-Clause', 'NOASSERTION']);
    expect(doc.hasExtractedLicensingInfos).toEqual([{ licenseId: custom, extractedText: 'Custom licence, see LICENSE', name: 'Custom licence, see LICENSE' }]);
    expect(new Set(doc.packages.map((p) => p.SPDXID)).size).toBe(doc.packages.length);
  });

  it('SPDX: licence names that sanitise alike keep one ref and one text each; a multi-line text has a one-line name', () => {
    const names = ['GPL-2', 'GPL-2+', 'GPL 2', 'gpl-2', 'Permission is hereby granted\nto anyone'];
    const licensed: Inventory = { ...inventory, packages: names.map((l, i) => pkg(`p${String(i)}`, '1.0.0', [l], `/app/node_modules/p${String(i)}/package.json`)) };
    const doc = JSON.parse(spdx(licensed, options)) as { packages: { name: string; licenseDeclared: string }[]; hasExtractedLicensingInfos: { licenseId: string; extractedText: string; name: string }[] };
    const infos = doc.hasExtractedLicensingInfos;
    expect(infos.map((i) => i.extractedText).sort()).toEqual([...names].sort());
    expect(new Set(infos.map((i) => i.licenseId.toLowerCase())).size).toBe(names.length);
    const textOf = new Map(infos.map((i) => [i.licenseId, i.extractedText]));
    for (const [i, name] of names.entries()) expect(textOf.get(doc.packages.find((p) => p.name === `p${String(i)}`)?.licenseDeclared ?? '')).toBe(name);
    expect(infos.find((i) => i.extractedText.includes('\n'))?.name).toBe('Permission is hereby granted to anyone');
  });

  it('record the OS pretty name and codename: CycloneDX description and palisade:os:codename, SPDX description and an os-release comment', () => {
    const bom = JSON.parse(cycloneDx(inventory, options)) as { components: Record<string, unknown>[] };
    expect(bom.components[0]).toEqual({
      type: 'operating-system', 'bom-ref': 'palisade:os', name: 'debian', version: '12', description: 'Debian GNU/Linux 12 (bookworm)',
      properties: [{ name: 'palisade:os:codename', value: 'bookworm' }],
    });
    const doc = JSON.parse(spdx(inventory, options)) as { packages: Record<string, unknown>[] };
    expect(doc.packages.find((p) => p.primaryPackagePurpose === 'OPERATING_SYSTEM')).toMatchObject({
      name: 'debian', versionInfo: '12', description: 'Debian GNU/Linux 12 (bookworm)', comment: 'VERSION_CODENAME=bookworm',
    });
    const bare: Inventory = { ...inventory, os: { id: 'alpine', versionId: '3.20.3' } };
    expect((JSON.parse(cycloneDx(bare, options)) as { components: Record<string, unknown>[] }).components[0]).toEqual({ type: 'operating-system', 'bom-ref': 'palisade:os', name: 'alpine', version: '3.20.3' });
    const bareOs = (JSON.parse(spdx(bare, options)) as { packages: Record<string, unknown>[] }).packages[1] ?? {};
    expect([bareOs.description, bareOs.comment]).toEqual([undefined, undefined]);
  });

  it('are valid against the official schemas, with and without an image', () => {
    const validators = sbomValidators();
    if (validators === undefined) {
      console.warn('skipping SBOM schema validation: ../shared/testdata/supply-chain/sbom is absent');
      return;
    }
    const plainDir: Inventory = { target: 'dir:/srv/rootfs', packages: inventory.packages, problems: [] };
    const awkward: Inventory = {
      ...inventory, os: { id: 'debian', prettyName: '', codename: 'a "quoted" one' },
      packages: ['GPL-2', 'GPL-2+', 'gpl-2', 'Multi\nline', '', 'é'].map((l, i) => pkg(`p${String(i)}`, '1.0.0', [l, 'MIT'], `/p${String(i)}/package.json`)),
    };
    for (const inv of [inventory, plainDir, awkward]) {
      expect(validators.cyclonedx(JSON.parse(cycloneDx(inv, options)))).toEqual([]);
      expect(validators.spdx(JSON.parse(spdx(inv, options)))).toEqual([]);
    }
  });
});

describe('SBOM files as input', () => {
  it('read back both formats into the same packages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-sbom-'));
    const expected = inventory.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version} ${p.purl}`).sort();
    for (const [name, text] of [['bom.cdx.json', cycloneDx(inventory, options)], ['bom.spdx.json', spdx(inventory, options)]] as const) {
      writeFileSync(join(dir, name), text);
      const { inventory: back } = await inventoryImage(join(dir, name));
      expect(back.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version} ${p.purl}`).sort()).toEqual(expected);
      expect(back.packages.find((p) => p.name === 'libc6')?.arch).toBe('amd64');
      expect(back.os).toEqual(inventory.os);
    }
  });

  it('read back an awkward OS exactly: a codename that needs quoting, an empty pretty name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-sbom-os-'));
    for (const os of [{ id: 'debian', versionId: '13', prettyName: '', codename: 'Trixie "testing" \\ $HOME `x`' }, { id: 'alpine', codename: 'edge' }]) {
      const odd: Inventory = { ...inventory, os };
      for (const [name, text] of [['odd.cdx.json', cycloneDx(odd, options)], ['odd.spdx.json', spdx(odd, options)]] as const) {
        writeFileSync(join(dir, name), text);
        expect((await inventoryImage(join(dir, name))).inventory.os).toEqual(os);
      }
    }
  });
});
