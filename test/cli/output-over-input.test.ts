/** --output never replaces a file the command was asked to read. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { palisade, ROOT } from '../support/cli.js';

const MANIFEST = readFileSync(join(ROOT, 'examples/manifests/20-api.yaml'), 'utf8');

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-output-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('--output naming an input', () => {
  it.each([
    ['scan', (dir: string) => ['scan', join(dir, 'api.yaml'), '-f', 'json', '-o', join(dir, 'api.yaml')]],
    ['scan, spelt another way', (dir: string) => ['scan', `${dir}/./api.yaml`, '-o', join(dir, 'api.yaml')]],
    ['attack-paths', (dir: string) => ['attack-paths', join(dir, 'api.yaml'), '-o', join(dir, 'api.yaml')]],
    ['netpol list', (dir: string) => ['netpol', 'list', join(dir, 'api.yaml'), '-f', join(dir, 'api.yaml')]],
    ['dockerfile', (dir: string) => ['dockerfile', join(dir, 'Dockerfile'), '-o', join(dir, 'Dockerfile')]],
    ['scan --config', (dir: string) => ['scan', join(dir, 'api.yaml'), '-c', join(dir, 'palisade.yaml'), '-o', join(dir, 'palisade.yaml')]],
  ])('%s: refused with output-unwritable, exit 2, the input unchanged', (_name, args) => {
    const files = { 'api.yaml': MANIFEST, Dockerfile: 'FROM debian:12\nUSER 1000\n', 'palisade.yaml': 'failOn: critical\n' };
    const dir = tempDir(files);
    const run = palisade(args(dir));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error output-unwritable .*: the output file is one of the inputs/m);
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
  });

  it.each([
    ['scan, a manifest in the directory', (dir: string) => ['scan', dir, '-f', 'json', '-o', join(dir, 'api.yaml')]],
    ['scan, a JSON manifest in the directory', (dir: string) => ['scan', dir, '-f', 'json', '-o', join(dir, 'ns.json')]],
    ['scan, a Dockerfile in the directory', (dir: string) => ['scan', dir, '-o', join(dir, 'Dockerfile')]],
    ['attack-paths, a manifest in the directory', (dir: string) => ['attack-paths', dir, '-o', join(dir, 'api.yaml')]],
    ['dockerfile, a Dockerfile in the directory', (dir: string) => ['dockerfile', dir, '-o', join(dir, 'Dockerfile')]],
  ])('%s: refused before reading, exit 2, the file unchanged', (_name, args) => {
    const files = { 'api.yaml': MANIFEST, 'ns.json': '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}\n', Dockerfile: 'FROM debian:12\nUSER 1000\n' };
    const dir = tempDir(files);
    const run = palisade(args(dir));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error output-unwritable .*: the output file is inside a scanned directory and holds what the scan reads/m);
    expect(run.stdout).toBe('');
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
  });

  it('an input named as the output is refused before anything is read (a pipe among the inputs is never opened)', () => {
    const dir = tempDir({ 'api.yaml': MANIFEST });
    const pipe = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [pipe]);
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'scan', pipe, join(dir, 'api.yaml'), '-o', join(dir, 'api.yaml')], { encoding: 'utf8', timeout: 10_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error output-unwritable .*api\.yaml: the output file is one of the inputs/m);
    expect(readFileSync(join(dir, 'api.yaml'), 'utf8')).toBe(MANIFEST);
  });

  it('a report of the previous run inside a scanned directory is rewritten, as asked', () => {
    const dir = tempDir({ 'api.yaml': MANIFEST });
    const report = join(dir, 'report.json');
    expect(palisade(['scan', dir, '-q', '-f', 'json', '-o', report]).status).toBe(1);
    const again = palisade(['scan', dir, '-q', '-f', 'json', '-o', report]);
    expect(again.status).toBe(1);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toHaveProperty('schemaVersion');
  });
});
