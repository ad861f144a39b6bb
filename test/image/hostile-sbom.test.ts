/**
 * SBOM inputs as big as real ones, or bigger and hostile: entries whose purls give nothing to
 * match are reported by kind, never one line each, and never hide the packages that can be read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSbomInventory } from '../../src/loaders/image/sbom-input.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-hostile-sbom-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('SBOM entries without a matchable purl', () => {
  it('are counted per purl type and per kind, with the readable packages kept', () => {
    const components = [
      ...Array.from({ length: 20_000 }, (_, i) => ({ type: 'library', name: `x${i}`, purl: `pkg:bogus/x${i}@1` })),
      ...Array.from({ length: 3 }, (_, i) => ({ type: 'application', name: `action${i}`, purl: `pkg:github/actions/checkout@v${i}` })),
      { type: 'file', name: 'bin', purl: 'pkg:generic/busybox@1.36.1' },
      ...Array.from({ length: 8 }, (_, i) => ({ type: 'library', name: `broken${i}`, purl: `not a purl ${i}\u001b[2J` })),
      { type: 'library', name: 'unversioned', purl: 'pkg:npm/left-pad' },
      { type: 'library', name: 'long', purl: `pkg:npm/${'a'.repeat(100_000)}` },
      { type: 'library', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' },
    ];
    const file = path.join(dir, 'big.cdx.json');
    writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components }));
    const inventory = readSbomInventory(file);
    expect(inventory.packages.map((p) => p.purl)).toEqual(['pkg:npm/lodash@4.17.20']);
    expect(inventory.problems.map((p) => [p.code, p.level, p.message.replace(/ \(Palisade matches [a-z, ]+\)$/, '')])).toEqual([
      ['analyzer-unsupported', 'note', '20000 SBOM entries with purl type "bogus" are not matched against advisories'],
      ['analyzer-unsupported', 'note', '1 SBOM entry with purl type "generic" is not matched against advisories'],
      ['analyzer-unsupported', 'note', '3 SBOM entries with purl type "github" are not matched against advisories'],
      ...Array.from({ length: 5 }, (_, i) => ['image-invalid', 'error', `SBOM entry with a malformed or versionless purl "not a purl ${i}\u001b[2J" skipped`]),
      ['image-invalid', 'error', '5 more SBOM entries with malformed or versionless purls skipped'],
    ]);
    // An untrusted purl is quoted, not copied whole, into a message.
    expect(Math.max(...inventory.problems.map((p) => p.message.length))).toBeLessThan(400);
  });
});
