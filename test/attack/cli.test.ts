/** `palisade attack-paths` on the built CLI: formats, exit codes, located usage errors. */
import { describe, expect, it } from 'vitest';
import type { AttackPathsResult } from '../../src/model/attack.js';
import { hasStackTrace, palisade } from '../support/cli.js';

const SCENARIO = 'test/attack/scenarios/internet-vulnerable-image';
const MANIFEST = `${SCENARIO}/cluster.yaml`;
const VULNS = `${SCENARIO}/vulnerabilities.json`;

describe('palisade attack-paths', () => {
  it('lists ranked paths and the cheapest fixes as a table', () => {
    const run = palisade(['attack-paths', MANIFEST, '--vulnerabilities', VULNS, '--from', 'internet']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 attack path(s)');
    expect(run.stdout).toContain('exploit CVE-2024-1111');
    expect(run.stdout).toContain('automountServiceAccountToken: false');
  });

  it('writes the versioned JSON with paths[].steps[] and fixes[]', () => {
    const run = palisade(['attack-paths', MANIFEST, '--vulnerabilities', VULNS, '--from', 'internet', '--to', 'secrets', '-f', 'json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as AttackPathsResult;
    expect(result.schemaVersion).toBe('1.1.0');
    const path = result.paths[0];
    expect(path?.steps.map((s) => s.kind)).toEqual(['network', 'exploit', 'token-theft', 'secret-read']);
    expect(path?.steps[0]?.evidence.ports).toBe('TCP 8080');
    expect(path?.steps[2]?.findingIds.length).toBeGreaterThan(0);
    expect(result.cut.fixIds).toEqual(['disable-automount:store/Deployment/storefront']);
    expect(result.fixes.find((f) => f.id === result.cut.fixIds[0])?.cuts).toEqual([path?.id]);
  });

  it('writes the same JSON on every run', () => {
    const args = ['attack-paths', 'examples/manifests', '-f', 'json', '-q'];
    const first = palisade(args);
    expect(first.status).toBe(0);
    expect(palisade(args).stdout).toBe(first.stdout);
  });

  it('proposes a role edit shared by several bindings and reads the Secrets a breached pod mounts', () => {
    const edit = palisade(['attack-paths', 'test/attack/scenarios/remove-verb-shared-role/cluster.yaml', '--from', 'namespace/billing', '--to', 'secrets']);
    expect(edit.status).toBe(0);
    expect(edit.stdout).toContain('Remove get, list, watch on secrets from the rules of Role billing/service-reader (this changes what all 3 bindings of it grant');
    const mounted = palisade(['attack-paths', 'test/attack/scenarios/mounted-db-secret/cluster.yaml', '--vulnerabilities', 'test/attack/scenarios/mounted-db-secret/vulnerabilities.json', '--from', 'internet', '--to', 'secrets', '-f', 'json']);
    expect(mounted.status).toBe(0);
    const result = JSON.parse(mounted.stdout) as AttackPathsResult;
    expect(result.paths.map((p) => p.jewel).sort()).toEqual(['secret:shop/db-credentials', 'secret:shop/payment-api-key']);
    expect(result.paths[0]?.steps.at(-1)?.evidence.mount?.length).toBeGreaterThan(0);
  });

  it('draws the paths as DOT', () => {
    const run = palisade(['attack-paths', MANIFEST, '--vulnerabilities', VULNS, '-f', 'dot']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^digraph "attack-paths" \{/);
    expect(run.stdout).toContain('"internet" -> "vulnerable:store/Deployment/storefront"');
  });

  it('says so when nothing reaches a jewel', () => {
    const run = palisade(['attack-paths', 'test/attack/scenarios/segmented-no-path/cluster.yaml']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('No attack path');
  });

  it('refuses an unknown entry or jewel and a bad vulnerability file with exit 2 and no stack', () => {
    for (const args of [['--from', 'moon'], ['--to', 'gold'], ['--vulnerabilities', MANIFEST]]) {
      const run = palisade(['attack-paths', MANIFEST, ...args]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/error attack-bad-(entry|target|vulnerabilities)/);
      expect(hasStackTrace(run.stderr)).toBe(false);
    }
    expect(palisade(['attack-paths', 'no/such/dir']).status).toBe(2);
  });

  it('takes entries and jewels from .palisade.yaml when no flag names them', () => {
    const run = palisade(['attack-paths', 'test/attack/fixtures/configured/cluster.yaml', '-f', 'json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as AttackPathsResult;
    expect(result.entries).toEqual(['workload:dev/Deployment/shell']);
    expect(result.jewels).toEqual(['workload:payments/Deployment/ledger']);
    expect(result.paths.map((p) => p.steps.map((s) => s.kind))).toEqual([['escape', 'host-compromise']]);
    const flagged = JSON.parse(palisade(['attack-paths', 'test/attack/fixtures/configured/cluster.yaml', '--to', 'nodes', '-f', 'json']).stdout) as AttackPathsResult;
    expect(flagged.jewels).toEqual(['node:n1']);
  });

  it('reports a policy the API server would refuse as a located problem, and analyses without it', () => {
    const run = palisade(['attack-paths', 'test/attack/fixtures/duplicate-policy.yaml']);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^error netpol-invalid test\/attack\/fixtures\/duplicate-policy\.yaml:\d+:\d+: NetworkPolicy "x\/a" already exists.*left out of the network analysis/m);
    expect(run.stdout).toContain('entry point');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});

describe('attack-paths JSON schema', () => {
  it('validates the JSON output of every scenario', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync('schemas/attack-paths.schema.json', 'utf8')) as Record<string, unknown>);
    const root = 'test/attack/scenarios';
    let checked = 0;
    for (const name of readdirSync(root)) {
      const yaml = readdirSync(`${root}/${name}`).filter((f) => f.endsWith('.yaml')).map((f) => `${root}/${name}/${f}`);
      if (yaml.length === 0) continue;
      const vulns = readdirSync(`${root}/${name}`).includes('vulnerabilities.json') ? ['--vulnerabilities', `${root}/${name}/vulnerabilities.json`] : [];
      const run = palisade(['attack-paths', ...yaml, ...vulns, '-f', 'json']);
      expect(run.status).toBe(0);
      const ok = validate(JSON.parse(run.stdout));
      expect(ok, JSON.stringify(validate.errors)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(4);
  });
});
