/**
 * dir: on a tree with kernel file systems mounted in it (`dir:/` on a host, a chroot with its own
 * /proc, as Trivy's rootfs scan is used): /proc held links no one can read (/proc/PID/exe of a
 * kernel thread or of another namespace's process), and one of them ended the scan with an internal
 * error. A pseudo file system mounted in the tree is not walked, and a link that cannot be read is
 * a warning, not the end of the scan. Mounting proc needs root, as the tests' machine has.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/loaders/image/index.js';

const root = mkdtempSync(join(tmpdir(), 'palisade-pseudo-'));
const proc = join(root, 'proc');

beforeAll(() => {
  mkdirSync(join(root, 'etc'));
  writeFileSync(join(root, 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\n');
  mkdirSync(proc);
  try {
    execFileSync('mount', ['-t', 'proc', 'proc', proc], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`mounting proc at ${proc} needs root (CAP_SYS_ADMIN): ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
});

afterAll(() => {
  execFileSync('umount', ['-l', proc], { stdio: 'pipe' });
  rmSync(root, { recursive: true, force: true });
});

describe('dir: with kernel file systems mounted in it', () => {
  it('does not walk a proc mounted in the tree', async () => {
    const read = await readImage(`dir:${root}`, { wants: (p) => p.startsWith('/etc/') });
    expect(read.fs.read('/etc/os-release')?.toString()).toContain('debian');
    expect(read.fs.resolve('/proc')).toBeDefined();
    expect(read.fs.resolve('/proc/self')).toBeUndefined();
    expect(read.problems).toEqual([]);
    expect(read.stats.entries).toBeLessThan(10);
  });

  it('reads proc itself when it is the root named, links it cannot read being warnings', async () => {
    const read = await readImage(`dir:${proc}/1`, { wants: () => false });
    expect(read.fs.resolve('/status')).toBeDefined();
    expect(read.problems.every((p) => p.code === 'file-not-read')).toBe(true);
  });
});
