/**
 * `dir:` root file systems as a user meets them: unpacked by root, with directories and files
 * closed to others, and links that point at the host. What cannot be read is reported and the
 * rest of the tree is still read; nothing outside the tree is ever read.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/loaders/image/index.js';

let root: string;

/**
 * Runs `read` as an unprivileged user: root reads closed files anyway. Under root (a container, CI)
 * the effective uid is switched to nobody and back; file permission checks follow the effective uid.
 */
async function unprivileged<T>(read: () => Promise<T>): Promise<T> {
  const isRoot = process.geteuid?.() === 0;
  if (isRoot) process.seteuid?.(65534);
  try {
    return await read();
  } finally {
    if (isRoot) process.seteuid?.(0);
  }
}

function write(relative: string, content: string, mode = 0o644): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  writeFileSync(file, content, { mode });
  chmodSync(file, mode);
}

beforeAll(() => {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'palisade-rootfs-'));
  chmodSync(parent, 0o755);
  root = path.join(parent, 'rootfs');
  write('etc/os-release', 'ID=debian\nVERSION_ID=12\n');
  write('var/lib/dpkg/status', 'Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2\nArchitecture: amd64\n\n');
  write('root/.bash_history', 'mysql -p hunter2\n');
  chmodSync(path.join(root, 'root'), 0o700);
  write('etc/app.conf', 'password = correct-horse\n', 0o600);
  symlinkSync('/', path.join(root, 'host'));
  symlinkSync('/etc/shadow', path.join(root, 'etc/shadow-link'));
});
afterAll(() => {
  rmSync(path.dirname(root), { recursive: true, force: true });
});

describe('dir: root file systems', () => {
  it('reads what it can, and reports each directory and file it cannot', async () => {
    const read = await unprivileged(() => readImage(`dir:${root}`, { wants: (p) => p.startsWith('/etc/') || p.startsWith('/var/lib/dpkg/') }));
    expect(read.fs.read('/etc/os-release')?.toString()).toContain('ID=debian');
    expect(read.fs.read('/var/lib/dpkg/status')?.toString()).toContain('Package: bash');
    expect(read.problems.map((p) => [p.code, p.message])).toEqual([
      ['file-not-read', '/root was not read: cannot list the directory: EACCES'],
      ['file-not-read', '/etc/app.conf was not read: cannot read the file: EACCES'],
    ]);
    expect(read.problems[1]?.hint).toMatch(/user who can read the whole tree/);
  });

  it('refuses a root it cannot list, as a located image problem', async () => {
    const closed = path.join(root, 'root');
    await expect(unprivileged(() => readImage(`dir:${closed}`, { wants: () => true }))).rejects.toMatchObject({ code: 'image-not-found' });
  });

  it('never follows links to the host', async () => {
    const read = await readImage(`dir:${root}`, { wants: () => true });
    expect(read.fs.read('/etc/shadow-link')).toBeUndefined();
    expect(read.fs.resolve('/host/etc/os-release')?.path).toBe('/etc/os-release');
  });
});
