/**
 * attack-paths --vulnerabilities is bounded before it is read: a file over the 64 MiB limit is
 * refused by its size (a 3 GiB file used to be read whole first, or refused by Node's own 2 GiB
 * limit with Node's words), and an endless stream is abandoned at the limit.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, ROOT } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-vulns-size-'));

/** A sparse file: its size costs no disk and no time to make. */
function sparse(name: string, bytes: number): string {
  const file = join(dir, name);
  const fd = openSync(file, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return file;
}

/** The CLI with a deadline: reading an endless stream whole would never end. */
function attackPaths(vulnerabilities: string): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'attack-paths', 'examples/manifests', '--vulnerabilities', vulnerabilities], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: run.status, stderr: run.stderr };
}

describe('attack-paths --vulnerabilities over the size limit', () => {
  it.each([
    ['a 3 GiB file', () => sparse('huge.json', 3 * 1024 ** 3)],
    ['a file one byte over', () => sparse('over.json', 64 * 1024 ** 2 + 1)],
    ['an endless device', () => '/dev/zero'],
  ])('%s: refused with the size problem, exit 2', (_name, make) => {
    const file = make();
    const run = attackPaths(file);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error attack-bad-vulnerabilities ${file}: the file is larger than 67108864 bytes (hint: Give a JSON array of {image, vulnerabilities: [{id, package, fixedVersion?, severity?, rce?, cvssVector?}]}.)\n`);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
