import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

interface JsonReport {
  schemaVersion: string;
  findings: { ruleId: string; severity: string; resource: { kind: string; namespace?: string; name: string }; location: { file: string; line: number }; suppressed: boolean }[];
  errors: { code: string; file?: string; line?: number }[];
  summary: { failed: boolean; resources: number };
}

function json(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

const GOOD = 'test/fixtures/e2e/good.yaml';
const BROKEN = 'test/fixtures/e2e/broken.yaml';

describe('palisade CLI', () => {
  it('prints its version and help with exit 0', () => {
    const version = palisade(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = palisade(['scan', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('--fail-on');
  });

  it('exits 1 when a finding is at or above --fail-on, 0 with --fail-on none', () => {
    const failing = palisade(['scan', GOOD, '--format', 'json']);
    expect(failing.status).toBe(1);
    const report = json(failing.stdout);
    expect(report.findings.some((f) => f.ruleId === 'privileged-container' && f.resource.name === 'fail-privileged')).toBe(true);
    expect(palisade(['scan', GOOD, '--fail-on', 'none']).status).toBe(0);
  });

  it('points each finding at the offending line', () => {
    const report = json(palisade(['scan', GOOD, '--format', 'json', '--rules', 'privileged-container']).stdout);
    const finding = report.findings.find((f) => f.ruleId === 'privileged-container');
    expect(finding?.location).toMatchObject({ file: GOOD, line: 11 });
  });

  it('reports a malformed file as one located line and still reports the good file', () => {
    const run = palisade(['scan', BROKEN, GOOD, '--format', 'json']);
    expect(run.status).toBe(1);
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(run.stderr).toMatch(/^error yaml-syntax test\/fixtures\/e2e\/broken\.yaml:\d+(:\d+)?: .+\(hint: .+\)$/m);
    const report = json(run.stdout);
    expect(report.findings.some((f) => f.resource.name === 'fail-privileged')).toBe(true);
    expect(report.errors.some((e) => e.code === 'yaml-syntax' && e.file === BROKEN)).toBe(true);
  });

  it('exits 2 when no input could be read at all', () => {
    const run = palisade(['scan', 'no/such/file.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('input-not-found');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('exits 2 on usage errors: unknown flag, unknown format, unknown rule', () => {
    expect(palisade(['scan', GOOD, '--no-such-flag']).status).toBe(2);
    expect(palisade(['scan', GOOD, '--format', 'pdf']).status).toBe(2);
    const unknownRule = palisade(['scan', GOOD, '--rules', 'no-such-rule']);
    expect(unknownRule.status).toBe(2);
    expect(unknownRule.stderr).toContain('unknown-rule');
  });

  it('reads manifests from stdin', () => {
    const run = palisade(['scan', '-', '--format', 'json'], { input: readFileSync(GOOD, 'utf8') });
    expect(run.status).toBe(1);
    expect(json(run.stdout).findings.some((f) => f.location.file === '-')).toBe(true);
  });

  it('writes the report to --output', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'palisade-e2e-')), 'report.sarif');
    const run = palisade(['scan', GOOD, '--format', 'sarif', '--output', out]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as { version: string }).version).toBe('2.1.0');
  });

  it('lists and shows rules', () => {
    const list = palisade(['rules', 'list', '--format', 'json']);
    expect(list.status).toBe(0);
    const rules = JSON.parse(list.stdout) as { id: string }[];
    expect(rules.map((r) => r.id)).toContain('privileged-container');
    const show = palisade(['rules', 'show', 'privileged-container']);
    expect(show.status).toBe(0);
    expect(show.stdout).toContain('# privileged-container');
    expect(palisade(['rules', 'show', 'nope']).status).toBe(2);
  });

  it('finds real problems in the bundled example', () => {
    const run = palisade(['scan', 'examples/', '--format', 'json']);
    expect(run.status).toBe(1);
    const report = json(run.stdout);
    const hit = (ruleId: string, name: string): boolean => report.findings.some((f) => f.ruleId === ruleId && f.resource.name === name);
    expect(hit('privileged-container', 'log-agent')).toBe(true);
    expect(report.summary.resources).toBeGreaterThan(15);
    // What examples/README.md promises: cloud keys in a ConfigMap, an API that can read secrets.
    expect(hit('secret-in-configmap', 'api-settings')).toBe(true);
    expect(hit('rbac-secret-read', 'api-config-reader')).toBe(true);
  });
});
