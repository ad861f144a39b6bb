/** `palisade dockerfile` on the built CLI: findings with lines, exit codes, writers, located syntax problems. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade, ROOT } from '../support/cli.js';

const DIR = path.join(ROOT, 'test/fixtures/dockerfile');
const at = (name: string): string => path.join(DIR, name);

interface JsonReport {
  readonly findings: readonly { readonly ruleId: string; readonly message: string; readonly suppressed: boolean; readonly location: { readonly line?: number } }[];
  readonly errors: readonly { readonly code: string; readonly line?: number }[];
  readonly attackPaths?: unknown;
}

describe('palisade dockerfile', () => {
  it('reports the findings of a Dockerfile with their lines, redacted, and exits 1', () => {
    const run = palisade(['dockerfile', at('Dockerfile'), '--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    const byRule = (id: string) => report.findings.filter((f) => f.ruleId === id && !f.suppressed);
    expect(byRule('dockerfile-curl-pipe-shell').map((f) => f.location.line)).toEqual([9]);
    expect(byRule('image-secret-in-config').map((f) => f.location.line)).toEqual([7]);
    expect(byRule('image-package-cache').map((f) => f.location.line)).toEqual([8]);
    expect(byRule('image-base-end-of-life').map((f) => f.message)).toEqual([expect.stringContaining('debian 10 (buster)')]);
    expect(byRule('dockerfile-exec-form').map((f) => f.location.line)).toEqual([11]);
    expect(report.findings.filter((f) => f.ruleId === 'image-healthcheck-missing').map((f) => f.suppressed)).toEqual([true]);
    expect(run.stdout).not.toContain('hunter2-hunter2');
    // A Dockerfile has no workloads or identities: no attack-path section.
    expect(report.attackPaths).toBeUndefined();
  });

  it('passes a clean Dockerfile with exit 0 and writes SARIF', () => {
    const run = palisade(['dockerfile', at('clean.Dockerfile'), '--format', 'sarif']);
    expect(run.status).toBe(0);
    const sarif = JSON.parse(run.stdout) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]?.results).toEqual([]);
  });

  it('reports lines the builder refuses as located problems, without a stack trace', () => {
    const run = palisade(['dockerfile', at('broken.Dockerfile'), '--format', 'json']);
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(run.stderr).toMatch(/dockerfile-syntax .*broken\.Dockerfile:2:1: unknown instruction "FROBNICATE"/);
    expect(run.stderr).toMatch(/broken\.Dockerfile:3:1: here-document "EOF" is never closed/);
  });

  it('refuses a file not named like a Dockerfile with exit 2', () => {
    const run = palisade(['dockerfile', path.join(ROOT, 'package.json')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('not-a-dockerfile');
  });

  it('a directory with no Dockerfile in it exits 2 with no-input, not 0 with "No findings"', () => {
    for (const dir of [path.join(ROOT, 'examples'), mkdtempSync(path.join(tmpdir(), 'palisade-nodockerfile-'))]) {
      const run = palisade(['dockerfile', dir]);
      expect(run.status, dir).toBe(2);
      expect(run.stderr).toMatch(/^error no-input: no Dockerfile was read from the inputs \(hint: Name Dockerfiles/m);
      expect(run.stderr).not.toContain('Kubernetes object');
      expect(run.stdout).toBe('');
    }
  });

  it('a file not named like a Dockerfile next to a good one loses only itself, as a missing file does', () => {
    const run = palisade(['dockerfile', at('broken.Dockerfile'), path.join(ROOT, 'package.json'), '--format', 'json', '--fail-on', 'none']);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^error not-a-dockerfile .*package\.json: /m);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('finds Dockerfiles in a directory, and palisade scan checks them next to manifests', () => {
    const run = palisade(['dockerfile', DIR, '--format', 'json', '--fail-on', 'none']);
    const files = new Set((JSON.parse(run.stdout) as JsonReport).findings.map((f) => f.ruleId));
    expect(files.has('dockerfile-curl-pipe-shell')).toBe(true);
    const scan = palisade(['scan', at('Dockerfile'), '--format', 'json', '--rules', 'dockerfile-curl-pipe-shell']);
    expect((JSON.parse(scan.stdout) as JsonReport).findings.map((f) => f.ruleId)).toEqual(['dockerfile-curl-pipe-shell']);
  });
});
