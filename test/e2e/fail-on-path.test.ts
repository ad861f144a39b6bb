/**
 * The attack-path gate and risk on the built CLI: `palisade scan --fail-on-path` exits 1 when a
 * path leads from an entry point to a crown jewel and 0 when none does, from the flag, the
 * environment or .palisade.yaml alike; the reports carry the paths and each finding's risk.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { hasStackTrace, palisade, ROOT } from '../support/cli.js';

const PATH = join(ROOT, 'test/fixtures/attack-gate/path');
const NO_PATH = join(ROOT, 'test/fixtures/attack-gate/no-path');

function json(args: readonly string[]): Report {
  const run = palisade(['scan', ...args, '--format', 'json', '--quiet']);
  expect(hasStackTrace(run.stderr)).toBe(false);
  return JSON.parse(run.stdout) as Report;
}

describe('palisade scan --fail-on-path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-gate-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 when a path exists and says why', () => {
    const run = palisade(['scan', PATH, '--fail-on', 'none', '--fail-on-path']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Attack paths (1) from');
    expect(run.stdout).toMatch(/FAILED at --fail-on-path \(1 attack path\)\n$/);
  });

  it('exits 0 when no path exists', () => {
    const run = palisade(['scan', NO_PATH, '--fail-on', 'none', '--fail-on-path']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/passed at --fail-on-path \(0 attack paths\)\n$/);
  });

  it('does not gate on paths unless asked', () => {
    expect(palisade(['scan', PATH, '--fail-on', 'none']).status).toBe(0);
  });

  it('takes the gate from the environment and from .palisade.yaml', () => {
    expect(palisade(['scan', PATH, '--fail-on', 'none'], { env: { PALISADE_ATTACK_PATHS_FAIL_ON_PATH: 'true' } }).status).toBe(1);
    const config = join(dir, 'gate.yaml');
    writeFileSync(config, 'failOn: none\nattackPaths:\n  failOnPath: true\n');
    expect(palisade(['scan', PATH, '--config', config]).status).toBe(1);
    expect(palisade(['scan', NO_PATH, '--config', config]).status).toBe(0);
  });

  it('reports the paths and a risk on every finding, raised on the path', () => {
    const report = json([PATH, '--fail-on', 'none', '--fail-on-path']);
    expect(report.summary).toMatchObject({ failOnPath: true, attackPaths: 1, failed: true });
    expect(report.attackPaths?.paths.map((p) => p.steps.map((s) => s.kind))).toEqual([['token-theft', 'secret-read']]);
    expect(report.findings.every((f) => f.risk !== undefined)).toBe(true);
    const read = report.findings.find((f) => f.ruleId === 'rbac-secret-read');
    expect(read?.risk).toMatchObject({ context: 'on-path', level: 'critical', paths: 1, jewels: ['secrets:shop'] });
  });

  it('leaves the analysis out when disabled, and a bad jewel is a usage error', () => {
    const report = json([NO_PATH, '--fail-on', 'none', '--attack-paths-enabled', 'false']);
    expect(report.attackPaths).toBeUndefined();
    expect(report.findings.some((f) => f.risk !== undefined)).toBe(false);
    const bad = palisade(['scan', PATH, '--attack-paths-jewels', 'crown']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('attack-bad-target');
    expect(hasStackTrace(bad.stderr)).toBe(false);
  });
});
