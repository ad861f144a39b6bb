/**
 * The file a command writes (-o/--output FILE, netpol's -f/--file) is checked before the inputs are
 * read: a missing directory or a directory named as the file was found only when the output was
 * written, after the whole scan. The inputs are named pipes nobody writes to, so a command that
 * reads one waits until the deadline: a prompt exit 2 shows nothing was read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { palisade, ROOT } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-output-target-'));
const pipe = join(dir, 'pipe.yaml');
execFileSync('mkfifo', [pipe]);
const missing = join(dir, 'reports', 'out.txt');

function palisadeWithin(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 10_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the output file is checked before the inputs are read', () => {
  it.each([
    ['scan -o', '--output', ['scan', pipe, '-o', missing]],
    ['attack-paths -o', '--output', ['attack-paths', pipe, '-o', missing]],
    ['dockerfile -o', '--output', ['dockerfile', pipe, '-o', missing]],
    ['netpol list -f', '--file', ['netpol', 'list', pipe, '-f', missing]],
    ['netpol generate -o', '--output', ['netpol', 'generate', pipe, '-o', missing]],
    ['snapshot -o', '--output', ['snapshot', '-o', missing]],
  ])('%s in a directory that does not exist: exit 2 at once', (_name, flag, args) => {
    const run = palisadeWithin(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error output-unwritable ${missing}: ${flag}: the directory ${join(dir, 'reports')} does not exist (hint: Create the directory first (mkdir -p ${join(dir, 'reports')}), or name a file in an existing one.)\n`);
    expect(run.stdout).toBe('');
  });

  it('scan -o naming a directory: exit 2 at once', () => {
    const run = palisadeWithin(['scan', pipe, '-o', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error output-unwritable \S+: --output names a directory \(hint: Name a file in it/);
  });

  it('a new file in an existing directory is written; netpol list --output is a format, not a file', () => {
    const report = join(dir, 'report.json');
    const run = palisade(['scan', 'examples/manifests', '-f', 'json', '-o', report]);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.status);
    expect(existsSync(report)).toBe(true);
    expect(palisade(['netpol', 'list', 'examples/manifests', '--output', 'json']).status).toBe(0);
  });
});
