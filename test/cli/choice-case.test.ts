/**
 * Flag values with a fixed set of choices are taken in any case and used as the listed spelling:
 * `--fail-on HIGH` and `-f SARIF` (Trivy's spelling of severities and formats) were refused as
 * "invalid" while netpol's `--port 53/udp` took any case. A value that is none of the choices in
 * any case is still refused, listing them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-choice-case-'));
const manifest = join(dir, 'pod.yaml');
writeFileSync(manifest, 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.25\n      securityContext: {privileged: true}\n');
const dockerfile = join(dir, 'Dockerfile');
writeFileSync(dockerfile, 'FROM debian:12\nRUN apt-get update\n');

describe('choice flags in any case', () => {
  it('scan --fail-on HIGH -f JSON: the gate is "high" and the report JSON', () => {
    const run = palisade(['scan', manifest, '--fail-on', 'HIGH', '-f', 'JSON', '-q']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { summary: { failOn: string } };
    expect(report.summary.failOn).toBe('high');
  });

  it('PALISADE_FAIL_ON=HIGH, as the flag', () => {
    const run = palisade(['scan', manifest, '-f', 'json', '-q'], { env: { PALISADE_FAIL_ON: 'HIGH' } });
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as { summary: { failOn: string } }).summary.failOn).toBe('high');
  });

  it('scan --fail-on None: nothing fails the run', () => {
    const run = palisade(['scan', manifest, '--fail-on', 'None', '-q', '-f', 'Sarif']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { version: string }).version).toBe('2.1.0');
  });

  it('dockerfile --fail-on CRITICAL', () => {
    const run = palisade(['dockerfile', dockerfile, '--fail-on', 'CRITICAL', '-f', 'json', '-q']);
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as { summary: { failOn: string } }).summary.failOn).toBe('critical');
  });

  it('config print --fail-on MEDIUM prints the canonical value', () => {
    const run = palisade(['config', 'print', '--fail-on', 'MEDIUM'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/failOn: medium\b/);
  });

  it('rules list -f JSON', () => {
    const run = palisade(['rules', 'list', '-f', 'JSON']);
    expect(run.status).toBe(0);
    expect(Array.isArray(JSON.parse(run.stdout))).toBe(true);
  });

  it('a value that is no choice in any case is still refused, listing the choices', () => {
    const run = palisade(['scan', manifest, '--fail-on', 'HIGHEST']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("argument 'HIGHEST' is invalid. Allowed choices are critical, high, medium, low, none.");
    expect(run.stdout).toBe('');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
