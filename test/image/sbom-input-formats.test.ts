/**
 * SBOM files are told by their content, not their name: JSON compressed with gzip or written in
 * UTF-16 (PowerShell's `>`) is read; CycloneDX XML, SPDX tag-value, YAML and RDF, and Syft's own
 * JSON are refused by name with the conversion to make, instead of "not a tar archive"; JSON that
 * does not declare itself an SBOM (a Kubernetes manifest) is not taken for one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { inventoryImage, PalisadeError } from '../../src/sdk/index.js';
import type { Problem } from '../../src/model/problem.js';
import { isSbomFile } from '../../src/loaders/image/sbom-input.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-sbom-formats-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function refusal(target: string): Promise<Problem> {
  try {
    await inventoryImage(target);
  } catch (error) {
    if (error instanceof PalisadeError) return error.problem;
    throw error;
  }
  throw new Error(`${target} was read`);
}

const BOM = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' }, { type: 'library', name: 'café', version: '1.0.0', purl: 'pkg:npm/caf%C3%A9@1.0.0' }] }, null, 2);
const NAMES = ['café 1.0.0', 'lodash 4.17.20'];
const names = async (target: string): Promise<string[]> => (await inventoryImage(target)).inventory.packages.map((p) => `${p.name} ${p.version}`);

describe('JSON SBOMs whatever their name and encoding', () => {
  it('named without .json (bom.cdx, sbom)', async () => {
    expect(await names(write('bom.cdx', BOM))).toEqual(NAMES);
    expect(await names(write('sbom', BOM))).toEqual(NAMES);
  });

  it('gzip-compressed (bom.cdx.json.gz), and a corrupt or bomb-sized one is a clear error', async () => {
    expect(await names(write('bom.cdx.json.gz', gzipSync(BOM)))).toEqual(NAMES);
    const big = gzipSync(JSON.stringify({ bomFormat: 'CycloneDX', components: Array.from({ length: 5000 }, (_, i) => ({ type: 'library', purl: `pkg:npm/p${i}@1.0.0` })) }));
    const truncated = big.subarray(0, big.length - 100);
    expect(await refusal(write('cut.json.gz', truncated))).toMatchObject({ code: 'image-invalid', message: expect.stringMatching(/corrupt or truncated gzip stream/) as unknown });
    // 300 MiB of spaces after the document inflate past the 256 MiB an SBOM may have.
    const bomb = gzipSync(Buffer.concat([Buffer.from(BOM), Buffer.alloc(300 * 1024 * 1024, 0x20)]), { level: 1 });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(await refusal(write('bomb.json.gz', bomb))).toMatchObject({ code: 'input-too-large', message: 'SBOM over a limit: more than 268435456 bytes once decompressed' });
  });

  it('SPDX written with sorted keys (jq -S): spdxVersion comes after the packages, far past the first 64 KiB', async () => {
    const packages = Array.from({ length: 2000 }, (_, i) => ({ SPDXID: `SPDXRef-p${i}`, downloadLocation: 'NOASSERTION', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceLocator: `pkg:npm/p${i}@1.0.0`, referenceType: 'purl' }], name: `p${i}`, versionInfo: '1.0.0' }));
    const sorted = JSON.stringify({ SPDXID: 'SPDXRef-DOCUMENT', dataLicense: 'CC0-1.0', name: 'x', packages, spdxVersion: 'SPDX-2.3' }, null, '\t');
    expect(sorted.indexOf('spdxVersion')).toBeGreaterThan(65536);
    expect((await inventoryImage(write('sorted.spdx.json', sorted))).inventory.packages).toHaveLength(2000);
  });

  it('UTF-16 with or without a byte order mark, little- or big-endian (PowerShell 5 redirects in UTF-16LE)', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BOM, 'utf16le')]);
    expect(await names(write('ps.json', le))).toEqual(NAMES);
    expect(await names(write('nobom.json', Buffer.from(BOM, 'utf16le')))).toEqual(NAMES);
    const be = Buffer.from(BOM, 'utf16le').swap16();
    expect(await names(write('be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).toEqual(NAMES);
  });
});

describe('other SBOM formats are refused by name, with the conversion to make', () => {
  const cases: [string, string, RegExp][] = [
    ['bom.xml', '<?xml version="1.0" encoding="UTF-8"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">\n  <components/>\n</bom>\n', /CycloneDX XML/],
    ['bom.spdx', '## Document Information\nSPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n', /SPDX tag-value/],
    ['bom.spdx.yaml', 'spdxVersion: "SPDX-2.3"\ndataLicense: "CC0-1.0"\nSPDXID: "SPDXRef-DOCUMENT"\npackages: []\n', /SPDX YAML/],
    ['bom.spdx.rdf', '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#">\n</rdf:RDF>\n', /SPDX RDF\/XML/],
  ];
  for (const [name, content, format] of cases) {
    it(name, async () => {
      const p = await refusal(write(name, content));
      expect(p.code).toBe('image-unsupported');
      expect(p.message).toMatch(format);
      expect(p.message).toMatch(/not supported; an SBOM input is CycloneDX or SPDX JSON/);
      expect(p.hint).toMatch(/JSON/);
    });
  }

  it('Syft\'s own JSON format, with the conversion to make', async () => {
    const p = await refusal(write('syft.json', JSON.stringify({ artifacts: [], artifactRelationships: [], source: { type: 'image' }, distro: { id: 'debian' }, descriptor: { name: 'syft', version: '1.18.0' }, schema: { version: '16.0.0' } }, null, 2)));
    expect(p).toMatchObject({ code: 'image-unsupported', message: expect.stringMatching(/Syft's own JSON format is not supported/) as unknown, hint: expect.stringMatching(/syft convert/) as unknown });
  });

  it('JSON that does not say it is an SBOM is not read as one (a Kubernetes JSON manifest, an OCI index)', () => {
    const manifest = write('deploy.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sbom' }, data: { 'bom.json': BOM } }));
    expect(isSbomFile(manifest)).toBe(false);
    expect(isSbomFile(write('index.json', JSON.stringify({ schemaVersion: 2, manifests: [] })))).toBe(false);
    const kubescape = { apiVersion: 'spdx.softwarecomposition.kubescape.io/v1beta1', kind: 'SBOMSPDXv2p3', metadata: { name: 'nginx' }, spec: { spdx: { spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages: [] } } };
    expect(isSbomFile(write('kubescape.json', JSON.stringify(kubescape)))).toBe(false);
    expect(isSbomFile(write('yes.json', BOM))).toBe(true);
  });
});
