/**
 * A flag or argument given an empty value (an unset shell variable: -o "$REPORT") is refused
 * before anything is read, naming the flag. Before, `--output ''` failed only after the scan,
 * `--kubeconfig ''` and `scan ''` read the working directory, `--rules ''` ran every rule and
 * `--focus-workload ''` listed every connection. The inputs are named pipes nobody writes to: a
 * command that reads one waits until the deadline, so a prompt exit 2 shows nothing was read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade, ROOT } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-empty-'));
const pipe = join(dir, 'pipe.yaml');
execFileSync('mkfifo', [pipe]);

function palisadeWithin(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 10_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('empty flag values and arguments', () => {
  it.each([
    ['--output', 'palisade scan', ['scan', pipe, '--output', '']],
    ['--kubeconfig', 'palisade scan', ['scan', pipe, '--kubeconfig', '']],
    ['--context', 'palisade scan', ['scan', pipe, '--context', '']],
    ['--config', 'palisade scan', ['scan', pipe, '-c', '']],
    ['--rules', 'palisade scan', ['scan', pipe, '--rules', '']],
    ['--namespace', 'palisade scan', ['scan', pipe, '-n', ',']],
    ['--disabled-rules', 'palisade scan', ['scan', pipe, '--disabled-rules', '']],
    ['--vex', 'palisade scan', ['scan', pipe, '--vex', '']],
    ['--vulnerabilities', 'palisade attack-paths', ['attack-paths', pipe, '--vulnerabilities', '']],
    ['--focus-workload', 'palisade netpol list', ['netpol', 'list', pipe, '--focus-workload', '']],
    ['--file', 'palisade netpol list', ['netpol', 'list', pipe, '-f', '']],
    ['--observed', 'palisade netpol generate', ['netpol', 'generate', pipe, '--observed', '']],
    ['--namespace', 'palisade rbac who-can', ['rbac', 'who-can', 'get', 'secrets', pipe, '-n', '']],
    ['--source', 'palisade db update', ['db', 'update', '--source', '']],
  ])('%s (%s): exit 2 before reading, naming the flag', (flag, command, args) => {
    const run = palisadeWithin(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error usage: ${flag} was given an empty value (hint: Give ${flag} a value, or leave the flag out; \`${command} --help\` says what it takes.)\n`);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['scan', ['scan', '']],
    ['scan, among other paths', ['scan', pipe, '']],
    ['netpol list', ['netpol', 'list', '']],
    ['image scan', ['image', 'scan', '']],
  ])('an empty path argument (%s) is refused, not read as the working directory', (_name, args) => {
    const run = palisadeWithin(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error usage: the <\w+> argument is empty \(hint: Give it a value; `palisade [a-z ]+ --help` says what it takes\.\)\n$/);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('flags given values and optional arguments left out still run', () => {
    const run = palisade(['scan', 'examples/manifests', '--rules', 'host-*', '-n', 'shop', '-f', 'json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(palisade(['config', 'print']).status).toBe(0);
  });
});
