/**
 * `scanImage`: an image's vulnerabilities and secrets as one Report, with exceptions, VEX,
 * --ignore-unfixed and the gate, and every writer able to render it (JSON schema-valid).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { render, scanImage, type Finding } from '../../src/sdk/index.js';
import { reportValidator } from '../writers/report-schema.js';
import { sarifValidator } from '../writers/sarif-schema.js';
import { AWS_KEY, LODASH_VECTOR, writeStore, writeVulnerableImage } from './support/image.js';
import { tempDirs } from './support/osv.js';

const temp = tempDirs();
let fixture: string;
let image: string;
let db: string;
const NOW = new Date('2026-11-28T12:00:00Z');

beforeAll(async () => {
  // tempDirs cleans per test; this fixture lives for the file, in its own directory.
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  fixture = mkdtempSync(join(tmpdir(), 'palisade-image-vuln-'));
  image = await writeVulnerableImage(join(fixture, 'layout'));
  db = await writeStore(fixture);
});

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; help: { text: string }; properties: Record<string, unknown> }[] } };
    results: { ruleId: string; locations: { physicalLocation?: { artifactLocation: unknown; region?: unknown } }[] }[];
  }[];
}

const byRule = (findings: readonly Finding[], id: string): Finding | undefined => findings.find((f) => f.ruleId === id);

describe('scanImage', () => {
  it('reports one explained finding per vulnerability and package, located at the package file', async () => {
    const { report } = await scanImage(image, { db, now: NOW, cwd: fixture });
    const ids = report.findings.map((f) => f.ruleId).sort();
    expect(ids).toEqual(['CVE-2021-23337', 'CVE-2023-5678', 'GHSA-mini-mist-0000', 'image-secret-aws-access-key-id']);
    const lodash = byRule(report.findings, 'CVE-2021-23337');
    expect(lodash?.resource).toEqual({ apiVersion: 'palisade.dev/v1', kind: 'Image', name: 'registry.example/app:1' });
    expect(lodash?.location.file).toBe('/srv/app/node_modules/lodash/package.json');
    expect(lodash?.severity).toBe('high');
    expect(lodash?.vulnerability?.aliases).toEqual(['GHSA-35jh-r3h4-6jhm']);
    expect(lodash?.vulnerability?.cvss).toEqual([{ version: '3.1', vector: LODASH_VECTOR, baseScore: 7.2, severity: 'high' }]);
    expect(lodash?.vulnerability?.fix).toEqual({ state: 'fixed', version: '4.17.21' });
    expect(lodash?.message).toBe(
      'CVE-2021-23337 (also GHSA-35jh-r3h4-6jhm): lodash 4.17.20 (npm) read from /srv/app/node_modules/lodash/package.json: version 4.17.20 is in range < 4.17.21 of GHSA-35jh-r3h4-6jhm (test-osv); fixed in 4.17.21',
    );
    expect(lodash?.remediation).toBe('Upgrade lodash to 4.17.21 or later.');
    // The OS package matched through its source package, on its release.
    const openssl = byRule(report.findings, 'CVE-2023-5678');
    expect(openssl?.location.file).toBe('/var/lib/dpkg/status');
    expect(openssl?.message).toContain('libssl3 3.0.11-1~deb12u1 (deb)');
    expect(openssl?.message).toContain('source package openssl 3.0.11-1~deb12u1 is in range < 3.0.11-1~deb12u2 of DEBIAN-CVE-2023-5678 (test-osv, debian:bookworm)');
    expect(openssl?.severity).toBe('medium'); // CVSS 3.1 base 5.3
    // No rating at all: info, with the rating kept as unknown.
    const minimist = byRule(report.findings, 'GHSA-mini-mist-0000');
    expect(minimist?.severity).toBe('info');
    expect(minimist?.vulnerability?.rating).toBe('unknown');
    expect(minimist?.vulnerability?.fix).toEqual({ state: 'unfixed' });
  });

  it('reports secrets redacted, and summarises the image', async () => {
    const { report } = await scanImage(image, { db, now: NOW, cwd: fixture });
    const secret = byRule(report.findings, 'image-secret-aws-access-key-id');
    expect(secret?.severity).toBe('critical');
    expect(secret?.location).toMatchObject({ file: '/srv/app/.env', line: 2 });
    expect(JSON.stringify(report)).not.toContain(AWS_KEY);
    expect(report.images).toEqual([expect.objectContaining({
      target: image, reference: 'registry.example/app:1', os: 'Debian GNU/Linux 12 (bookworm)', packages: 5, packagesByEcosystem: { deb: 2, npm: 3 },
      vulnerabilities: { checked: true, store: db, matched: 3 }, secretsChecked: true,
    })]);
    expect(report.summary).toMatchObject({ resources: 1, inputs: 1, findings: 4, failOn: 'high', failed: true });
  });

  it('gates on --fail-on and leaves out unfixed vulnerabilities with ignoreUnfixed', async () => {
    const { report } = await scanImage(image, { db, now: NOW, cwd: fixture, failOn: 'critical', secrets: false, ignoreUnfixed: true });
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['CVE-2021-23337', 'CVE-2023-5678']);
    expect(report.summary.failed).toBe(false);
    const { report: high } = await scanImage(image, { db, now: NOW, cwd: fixture, failOn: 'high', secrets: false });
    expect(high.summary.failed).toBe(true);
  });

  it('suppresses by exception: vulnerability id or alias, package glob, image glob', async () => {
    const dir = temp();
    const config = join(dir, '.palisade.yaml');
    writeFileSync(config, [
      'exceptions:',
      '  - rule: GHSA-35jh-r3h4-6jhm', // an alias of the finding's CVE
      '    name: "registry.example/app:*"',
      '    reason: not reachable from user input',
      '  - rule: "CVE-*"',
      '    package: libssl*',
      '    reason: DH checks not used',
      '  - rule: GHSA-mini-mist-0000',
      '    package: lodash', // wrong package: matches nothing
      '    reason: never matches',
      '  - rule: "CVE-*"',
      '    name: other-image', // wrong image: matches nothing
      '    reason: never matches',
      '',
    ].join('\n'));
    const { report } = await scanImage(image, { db, now: NOW, cwd: fixture, configFile: config, secrets: false });
    const suppressed = report.findings.filter((f) => f.suppressed).map((f) => [f.ruleId, f.suppression?.kind === 'exception' ? f.suppression.exceptionIndex : -1]);
    expect(suppressed.sort()).toEqual([['CVE-2021-23337', 0], ['CVE-2023-5678', 1]]);
    expect(report.exceptions.map((e) => e.state)).toEqual(['active', 'active', 'unused', 'unused']);
    expect(report.summary.failed).toBe(false);
  });

  it('applies VEX statements: suppressed with the justification, still reported', async () => {
    const dir = temp();
    const vex = join(dir, 'app.vex.json');
    writeFileSync(vex, JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'https://example.com/vex/1', author: 'test', timestamp: '2026-01-01T00:00:00Z', version: 1,
      statements: [{ vulnerability: { name: 'CVE-2021-23337' }, products: [{ '@id': 'pkg:npm/lodash@4.17.20' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }],
    }));
    const { report } = await scanImage(image, { db, now: NOW, cwd: fixture, vex: [vex], secrets: false });
    const lodash = byRule(report.findings, 'CVE-2021-23337');
    expect(lodash?.suppressed).toBe(true);
    expect(lodash?.suppression).toEqual({ kind: 'vex', reason: 'not_affected: vulnerable_code_not_in_execute_path', source: vex });
  });

  it('applies a VEX statement about an image named by digest only to that image', async () => {
    const dir = temp();
    const statementAbout = (digest: string): string => {
      const vex = join(dir, `${digest.slice(7, 15)}.vex.json`);
      writeFileSync(vex, JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'https://example.com/vex/2', author: 'test', timestamp: '2026-01-01T00:00:00Z', version: 1,
        statements: [{ vulnerability: { name: 'CVE-2021-23337' }, products: [{ '@id': `pkg:oci/app@${digest.replace(':', '%3A')}`, subcomponents: [{ '@id': 'pkg:npm/lodash@4.17.20' }] }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }],
      }));
      return vex;
    };
    const first = await scanImage(image, { db, now: NOW, cwd: fixture, secrets: false });
    const own = first.report.images?.[0]?.digest ?? '';
    expect(own).toMatch(/^sha256:/);
    const suppressed = async (vex: string): Promise<boolean | undefined> => byRule((await scanImage(image, { db, now: NOW, cwd: fixture, vex: [vex], secrets: false })).report.findings, 'CVE-2021-23337')?.suppressed;
    expect(await suppressed(statementAbout(own))).toBe(true);
    expect(await suppressed(statementAbout(`sha256:${'b'.repeat(64)}`))).toBe(false);
  });

  it('without a store, says so in a note and still reports secrets', async () => {
    const { report } = await scanImage(image, { db: join(temp(), 'none.sqlite'), now: NOW, cwd: fixture });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['image-secret-aws-access-key-id']);
    expect(report.notes.find((n) => n.code === 'vuln-db-absent')?.hint).toContain('palisade db import');
    expect(report.images?.[0]?.vulnerabilities.checked).toBe(false);
  });

  it('runs the image-configuration rules on the image config, reporting a config secret once', async () => {
    const dir = temp();
    const token = 'ghp_R4nd0mT0k3nV4lu3Xy9Qw2Er5Ty8Ui1Op3As';
    const rooted = await writeVulnerableImage(join(dir, 'layout'), { Env: ['PATH=/bin', `GITHUB_TOKEN=${token}`] });
    const { report } = await scanImage(rooted, { db, now: NOW, cwd: fixture });
    const root = byRule(report.findings, 'image-runs-as-root');
    expect(root?.resource.kind).toBe('ImageConfig');
    expect(report.rules.map((r) => r.ruleId)).toContain('image-runs-as-root');
    const atToken = report.findings.filter((f) => f.location.path === '/config/Env/1');
    expect(atToken).toHaveLength(1);
    expect(JSON.stringify(report)).not.toContain(token);
  });

  it('renders through every writer; the JSON validates against the report schema', async () => {
    const { report } = await scanImage(image, { db, now: NOW, cwd: fixture });
    expect(reportValidator()(JSON.parse(render(report, 'json')))).toEqual([]);
    const table = render(report, 'table');
    expect(table).toContain('Packages: 5 (deb 2, npm 3)');
    expect(table).toMatch(/lodash 4\.17\.20 \(npm\) {2}\/srv\/app\/node_modules\/lodash\/package\.json {2}in registry\.example\/app:1\n +high +CVE-2021-23337 +fixed in 4\.17\.21 +Command Injection in lodash/);
    expect(table).toMatch(/critical aws-access-key-id {2}\/srv\/app\/\.env:2:\d+ {2}AKIA/);
    const sarif = JSON.parse(render(report, 'sarif')) as SarifLog;
    const validateSarif = sarifValidator();
    if (validateSarif === undefined) console.warn('../shared/testdata/sarif absent: SARIF schema check skipped');
    else expect(validateSarif(sarif)).toEqual([]);
    const run = sarif.runs[0];
    const rule = run?.tool.driver.rules.find((r) => r.id === 'CVE-2021-23337');
    // GitHub ranks alerts by the rule's security-severity: the CVSS base score.
    expect(rule?.properties['security-severity']).toBe('7.2');
    expect(rule?.help.text).toBe('lodash 4.17.20: Upgrade lodash to 4.17.21 or later.');
    const result = run?.results.find((r) => r.ruleId === 'CVE-2021-23337');
    expect(result?.locations[0]?.physicalLocation?.artifactLocation).toEqual({ uri: 'srv/app/node_modules/lodash/package.json', uriBaseId: 'IMAGEROOT' });
    // A secret has a column: two keys on one line are two places for a code-scanning viewer.
    const secret = run?.results.find((r) => r.ruleId === 'image-secret-aws-access-key-id');
    expect(secret?.locations[0]?.physicalLocation?.region).toEqual({ startLine: 2, startColumn: expect.any(Number) as number });
    for (const format of ['sarif', 'junit', 'markdown', 'html']) {
      const text = render(report, format);
      expect(text).toContain('CVE-2021-23337');
      expect(text).not.toContain(AWS_KEY);
    }
  });
});
