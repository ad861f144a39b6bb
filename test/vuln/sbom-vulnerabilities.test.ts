/**
 * CycloneDX 1.6 with the vulnerabilities section: valid against the official schema in
 * ../shared/testdata/supply-chain/sbom, every entry pointing at a component by bom-ref, CVSS
 * ratings with their vectors, and VEX statements as analyses.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PalisadeError, vulnerabilitySbom } from '../../src/sdk/index.js';
import { sbomValidators } from '../image/support/sbom-schemas.js';
import { LODASH_VECTOR, writeStore, writeVulnerableImage } from './support/image.js';

interface Bom {
  components: { 'bom-ref': string; purl?: string }[];
  vulnerabilities: { id: string; ratings: Record<string, unknown>[]; affects: { ref: string; versions: unknown[] }[]; references?: { id: string }[]; recommendation: string; analysis?: Record<string, unknown> }[];
}

let dir: string;
let image: string;
let db: string;
const FIXED = { now: () => new Date('2026-11-28T12:00:00Z') };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-sbom-vulns-'));
  image = await writeVulnerableImage(join(dir, 'layout'));
  db = await writeStore(dir);
});

describe('palisade sbom --vulns (CycloneDX vulnerabilities)', () => {
  it('is valid CycloneDX 1.6 and every vulnerability affects a component of the SBOM', async () => {
    const text = await vulnerabilitySbom(image, { db, ...FIXED });
    const bom = JSON.parse(text) as Bom;
    const validators = sbomValidators();
    if (validators === undefined) console.warn('../shared/testdata/supply-chain/sbom absent: CycloneDX schema check skipped');
    else expect(validators.cyclonedx(bom)).toEqual([]);
    expect(bom.vulnerabilities.map((v) => v.id)).toEqual(['CVE-2021-23337', 'CVE-2023-5678', 'GHSA-mini-mist-0000']);
    const refs = new Set(bom.components.map((c) => c['bom-ref']));
    for (const v of bom.vulnerabilities) for (const a of v.affects) expect(refs.has(a.ref)).toBe(true);
    const lodash = bom.vulnerabilities[0];
    expect(lodash?.ratings).toEqual([{ score: 7.2, severity: 'high', method: 'CVSSv31', vector: LODASH_VECTOR }]);
    expect(lodash?.affects).toEqual([{ ref: 'pkg:npm/lodash@4.17.20', versions: [{ version: '4.17.20', status: 'affected' }] }]);
    expect(lodash?.references?.map((r) => r.id)).toEqual(['GHSA-35jh-r3h4-6jhm']);
    expect(lodash?.recommendation).toBe('Upgrade lodash to 4.17.21 or later.');
    // The OS package: affects the binary package's component.
    expect(bom.vulnerabilities[1]?.affects[0]?.ref).toMatch(/^pkg:deb\/debian\/libssl3@/);
    // No rating at all is said so, not made up.
    expect(bom.vulnerabilities[2]?.ratings).toEqual([{ severity: 'unknown' }]);
    // Deterministic with an injected clock.
    expect(await vulnerabilitySbom(image, { db, ...FIXED })).toBe(text);
  });

  it('writes VEX statements as analyses (OpenVEX justification mapped to CycloneDX)', async () => {
    const vex = join(dir, 'app.vex.json');
    writeFileSync(vex, JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'https://example.com/vex/2', author: 'test', timestamp: '2026-01-01T00:00:00Z', version: 1,
      statements: [{ vulnerability: { name: 'CVE-2021-23337' }, products: [{ '@id': 'pkg:npm/lodash@4.17.20' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', impact_statement: 'template() is never called' }],
    }));
    const bom = JSON.parse(await vulnerabilitySbom(image, { db, vex: [vex], ...FIXED })) as Bom;
    const validators = sbomValidators();
    if (validators !== undefined) expect(validators.cyclonedx(bom)).toEqual([]);
    expect(bom.vulnerabilities[0]?.analysis).toMatchObject({ state: 'not_affected', justification: 'code_not_reachable' });
    expect(bom.vulnerabilities[1]?.analysis).toBeUndefined();
  });

  it('refuses to write a vulnerability SBOM without a store (db-missing)', async () => {
    await expect(vulnerabilitySbom(image, { db: join(dir, 'none.sqlite') })).rejects.toSatisfy((e) => e instanceof PalisadeError && e.problem.code === 'db-missing');
  });
});
