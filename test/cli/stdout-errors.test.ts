/**
 * Standard output that cannot be written: a reader that went away (`| head -1`) ends the output
 * quietly; a full disk (`> report.sarif`) loses the report and says so, exit 2.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, ROOT } from '../support/cli.js';

const MAIN = join(ROOT, 'dist/cli/main.js');

describe('standard output that cannot be written', () => {
  it.each([
    ['rules list', ['rules', 'list']],
    ['scan -f json', ['scan', 'examples/manifests', '-q', '-f', 'json']],
  ])('%s to a full device: output-unwritable, exit 2, no stack trace', (_name, args) => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', full, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('error output-unwritable -: cannot write to standard output: ENOSPC (hint: Check that the device has room and is writable.)\n');
      expect(hasStackTrace(run.stderr)).toBe(false);
    } finally {
      closeSync(full);
    }
  });

  it('a reader that goes away after the first line ends the output without a word', async () => {
    const child = spawn(process.execPath, [MAIN, 'scan', 'examples/manifests', '-q', '-f', 'json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // The run's own exit code: findings at or above high in the examples.
    expect(status).toBe(1);
    expect(stderr).toBe('');
  });
});
