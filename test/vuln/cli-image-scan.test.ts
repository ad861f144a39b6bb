/**
 * The built CLI on an image with known vulnerabilities: `palisade image scan` in every format with
 * its gate, `palisade scan` with an image next to a manifest, `palisade sbom --vulns`, and the
 * missing-store note. Exit codes: 0 pass, 1 gate failed, 2 usage or unreadable input.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';
import { AWS_KEY, writeStore, writeVulnerableImage } from './support/image.js';

const BUILT = existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)));
if (!BUILT) console.warn('dist/cli/main.js absent (build first): the image-scan CLI tests are skipped');

let dir: string;
let image: string;
let db: string;
// No .palisade.yaml above the fixture, and no user store: the tests name everything they use.
const env = (): NodeJS.ProcessEnv => ({ XDG_CACHE_HOME: join(dir, 'cache') });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-vuln-'));
  image = await writeVulnerableImage(join(dir, 'layout'));
  db = await writeStore(dir);
});

describe.skipIf(!BUILT)('palisade image scan (built CLI)', () => {
  it('prints the inventory header and vulnerabilities grouped by package; fails the default gate', () => {
    const run = palisade(['image', 'scan', image, '--db', db], { cwd: dir, env: env() });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('OS: Debian GNU/Linux 12 (bookworm)');
    expect(run.stdout).toContain('Packages: 5 (deb 2, npm 3)');
    expect(run.stdout).toMatch(/Vulnerabilities \(3 in 3 packages\)/);
    expect(run.stdout).toMatch(/high +CVE-2021-23337 +fixed in 4\.17\.21/);
    expect(run.stdout + run.stderr).not.toContain(AWS_KEY);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('passes a gate above every finding, and --ignore-unfixed drops what has no fix', () => {
    const run = palisade(['image', 'scan', image, '--db', db, '--no-secrets', '--fail-on', 'critical', '--ignore-unfixed', '-f', 'json'], { cwd: dir, env: env() });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[]; summary: { failed: boolean } };
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['CVE-2021-23337', 'CVE-2023-5678']);
  });

  it('writes SARIF with CVSS security-severity, and every other format', () => {
    const sarif = palisade(['image', 'scan', image, '--db', db, '-f', 'sarif'], { cwd: dir, env: env() });
    const log = JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } } }[] };
    expect(log.runs[0]?.tool.driver.rules.find((r) => r.id === 'CVE-2021-23337')?.properties['security-severity']).toBe('7.2');
    for (const format of ['junit', 'markdown', 'html']) {
      const run = palisade(['image', 'scan', image, '--db', db, '-f', format], { cwd: dir, env: env() });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('CVE-2021-23337');
    }
  });

  it('without a store: a note with the import hint, secrets still reported', () => {
    const run = palisade(['image', 'scan', image], { cwd: dir, env: env() });
    expect(run.stderr).toMatch(/note vuln-db-absent .*no advisory store.*\(hint: Import advisories .*palisade db import PATH/);
    expect(run.stdout).toContain('Vulnerabilities: not checked');
    expect(run.stdout).toMatch(/critical aws-access-key-id {2}\/srv\/app\/\.env:2/);
    expect(run.status).toBe(1); // the secret is critical
  });

  it('a bad VEX file is a usage error, located, without a stack trace', () => {
    const vex = join(dir, 'bad.vex.json');
    writeFileSync(vex, '{"nothing": true}');
    const run = palisade(['image', 'scan', image, '--db', db, '--vex', vex], { cwd: dir, env: env() });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/error vex-invalid /);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});

describe.skipIf(!BUILT)('palisade scan with an image and palisade sbom --vulns (built CLI)', () => {
  it('reports the image and the manifest in one report', () => {
    const manifest = join(dir, 'pod.yaml');
    writeFileSync(manifest, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example/app:1\n      securityContext:\n        privileged: true\n');
    const run = palisade(['scan', image, manifest, '--db', db, '-f', 'json'], { cwd: dir, env: env() });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; resource: { kind: string } }[]; images: unknown[] };
    expect(new Set(report.findings.map((f) => f.resource.kind))).toEqual(new Set(['Pod', 'Image']));
    expect(report.images).toHaveLength(1);
  });

  it('writes a CycloneDX SBOM with vulnerabilities; refuses SPDX and a missing store', () => {
    const run = palisade(['sbom', image, '--vulns', '--db', db], { cwd: dir, env: env() });
    expect(run.status).toBe(0);
    const bom = JSON.parse(run.stdout) as { vulnerabilities: { id: string }[] };
    expect(bom.vulnerabilities.map((v) => v.id)).toEqual(['CVE-2021-23337', 'CVE-2023-5678', 'GHSA-mini-mist-0000']);
    expect(palisade(['sbom', image, '--vulns', '--db', db, '-f', 'spdx'], { cwd: dir, env: env() }).status).toBe(2);
    const missing = palisade(['sbom', image, '--vulns'], { cwd: dir, env: env() });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/error db-missing/);
  });
});
