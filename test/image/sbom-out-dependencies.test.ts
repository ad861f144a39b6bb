/**
 * The dependency graph as CycloneDX and SPDX consumers read it. Palisade's inventory has no edges
 * between packages, so the SBOMs must say the packages' dependencies are unknown, never that they
 * are none: in CycloneDX a component with an empty `dependsOn` entry depends on nothing, one with
 * no entry may have unknown dependencies, and a composition with aggregate "unknown" says so.
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
const npm = (name: string, file: string): Package => ({ name, version: '1.0.0', ecosystem: 'npm', purl: `pkg:npm/${name}@1.0.0`, licenses: [], file, analyzer: 'npm-package' });
const inventory: Inventory = {
  target: 'dir:/srv/app',
  os: { id: 'debian', versionId: '12' },
  packages: [npm('a', '/app/node_modules/a/package.json'), npm('a', '/app/node_modules/b/node_modules/a/package.json'), npm('b', '/app/node_modules/b/package.json')],
  problems: [],
};

interface Bom {
  components: { 'bom-ref': string; type: string }[];
  dependencies: { ref: string; dependsOn?: string[] }[];
  compositions?: { aggregate: string; dependencies?: string[] }[];
}

describe('CycloneDX dependencies', () => {
  it('no package claims to depend on nothing, and a composition says their dependencies are unknown', () => {
    const bom = JSON.parse(cycloneDx(inventory, options)) as Bom;
    const packages = bom.components.filter((c) => c.type === 'library').map((c) => c['bom-ref']);
    expect(packages).toHaveLength(3);
    expect(bom.dependencies.map((d) => d.ref)).toEqual([expect.not.stringMatching(/^pkg:/)]);
    const unknown = (bom.compositions ?? []).filter((c) => c.aggregate === 'unknown').flatMap((c) => c.dependencies ?? []);
    expect(new Set(unknown)).toEqual(new Set(packages));
  });

  it('an inventory without packages has no composition to make', () => {
    expect((JSON.parse(cycloneDx({ ...inventory, packages: [] }, options)) as Bom).compositions).toBeUndefined();
  });

  it('schema-valid, and read back unchanged', () => {
    const validators = sbomValidators();
    if (validators !== undefined) {
      expect(validators.cyclonedx(JSON.parse(cycloneDx(inventory, options)))).toEqual([]);
      expect(validators.spdx(JSON.parse(spdx(inventory, options)))).toEqual([]);
    }
    const path = join(mkdtempSync(join(tmpdir(), 'palisade-sbom-deps-')), 'bom.cdx.json');
    writeFileSync(path, cycloneDx(inventory, options));
    expect(readSbomInventory(path).packages.map((p) => [p.purl, p.file])).toEqual(inventory.packages.map((p) => [p.purl, p.file]));
  });
});

describe('SPDX dependencies', () => {
  it('the document says DEPENDS_ON relationships are not recorded, and claims none', () => {
    const doc = JSON.parse(spdx(inventory, options)) as { creationInfo: { comment?: string }; relationships: { relationshipType: string }[] };
    expect(doc.creationInfo.comment).toMatch(/not recorded/);
    expect(new Set(doc.relationships.map((r) => r.relationshipType))).toEqual(new Set(['DESCRIBES', 'CONTAINS']));
  });
});
