/** Cases an independent review found: each must keep a CI gate honest. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, scan } from '../../src/sdk/index.js';
import { hasStackTrace, palisade } from '../support/cli.js';

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'palisade-review-')), name);
  writeFileSync(file, text);
  return file;
}

describe('inputs that yield nothing never pass', () => {
  it('exits 2 with a no-input line for a file that does not parse', () => {
    const run = palisade(['scan', tempFile('bad.yaml', 'kind: Pod\nmetadata: {name: x\n')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error yaml-syntax /m);
    expect(run.stderr).toMatch(/^error no-input: no Kubernetes object was read/m);
  });

  it('exits 2 for an empty stdin and a comments-only file', () => {
    expect(palisade(['scan', '-'], { input: '' }).status).toBe(2);
    expect(palisade(['scan', tempFile('c.yaml', '# nothing here\n')]).status).toBe(2);
  });

  it('exits 2 when --namespace leaves nothing to scan', () => {
    const run = palisade(['scan', 'test/fixtures/e2e/good.yaml', '-n', 'no-such-namespace']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no Kubernetes object is in the selected namespaces');
  });
});

describe('kinds', () => {
  it('does not judge a custom resource named like a built-in kind', async () => {
    const file = tempFile('crd.yaml', 'apiVersion: example.com/v1alpha1\nkind: Pod\nmetadata: {name: widget}\nspec:\n  containers: [{name: a, image: x, securityContext: {privileged: true}}]\n');
    const report = await scan({ paths: [file] });
    expect(report.findings).toEqual([]);
    expect(report.summary.resources).toBe(1);
  });

  it('warns, located, about a kind that differs from a built-in one only in case', async () => {
    const file = tempFile('pod.yaml', 'apiVersion: v1\nkind: pod\nmetadata: {name: lower}\nspec: {containers: []}\n');
    const report = await scan({ paths: [file] });
    expect(report.errors.map((e) => [e.code, e.line])).toEqual([['unknown-kind', 2]]);
    expect(report.errors[0]?.message).toContain('did you mean "Pod"');
  });
});

describe('output', () => {
  it('reports an unwritable --output as a located usage error, not an internal one', () => {
    const run = palisade(['scan', 'test/fixtures/e2e/good.yaml', '-o', '/nonexistent-dir/report.json', '-f', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error output-unwritable \/nonexistent-dir\/report\.json: --output: the directory \/nonexistent-dir does not exist/m);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('never prints raw control characters from file names', () => {
    const line = formatProblem({ code: 'yaml-syntax', level: 'error', message: 'bad\u001b[2J', file: 'x\nerror fake.yaml:1:1: injected.yaml', line: 1 });
    expect(Array.from(line, (c) => c.charCodeAt(0)).some((code) => code < 0x20)).toBe(false);
    expect(line).toContain('x\\x0aerror fake.yaml');
  });
});
