/**
 * containers-storage: finds the store the way containers/storage does (containers-storage.conf(5)):
 * a rootless user's store is never the system file's graphroot (that is root's store) but
 * rootless_storage_path or ~/.local/share/containers/storage, and images in the read-only
 * additionalimagestores are found after the graph root's, as `podman images` lists them (R/O).
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage, type ImageRead } from '../../src/loaders/image/index.js';
import { locateStore, storageTable } from '../../src/loaders/image/storage/store-location.js';
import { type Podman, startPodman } from './support/podman.js';

let podman: Podman;
let exported: ImageRead;
const wants = (p: string): boolean => p.startsWith('/etc/');

beforeAll(async () => {
  podman = startPodman();
  const context = mkdtempSync(join(podman.dir, 'ctx-'));
  copyFileSync('/bin/busybox', join(context, 'busybox'));
  writeFileSync(join(context, 'Containerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "echo ro > /etc/store"]\n');
  podman.build(context, 'localhost/palisade-readonly:1');
  exported = await readImage(`oci-archive:${podman.save('localhost/palisade-readonly:1', 'oci-archive')}`, { wants });
}, 300_000);

afterAll(() => { podman.cleanup(); });

describe('containers-storage: additionalimagestores', () => {
  it('finds an image held only by a read-only additional store, as podman lists it', async () => {
    const conf = join(podman.dir, 'with-additional.conf');
    writeFileSync(conf, [
      '[storage]', 'driver = "vfs"', `graphroot = "${podman.dir}/primary"`, `runroot = "${podman.dir}/primary-run"`,
      '[storage.options]', 'additionalimagestores = [', '  # an old store, commented out', `  "${podman.dir}/gone",`, `  "${podman.dir}/graph",`, ']', '',
    ].join('\n'));
    const env = { ...podman.env, CONTAINERS_STORAGE_CONF: conf };
    const read = await readImage('containers-storage:localhost/palisade-readonly:1', { wants, env });
    expect(read.image?.layers.map((l) => l.diffId)).toEqual(exported.image?.layers.map((l) => l.diffId));
    expect(read.fs.read('/etc/store')?.toString()).toBe('ro\n');
    await expect(readImage('containers-storage:localhost/palisade-readonly:2', { wants, env })).rejects.toMatchObject({ code: 'image-not-found' });
  });
});

describe('containers-storage: the store of a rootless user', () => {
  const home = (): string => mkdtempSync(join(podman.dir, 'home-'));
  const systemFile = (text: string): string => {
    const file = join(mkdtempSync(join(podman.dir, 'etc-')), 'storage.conf');
    writeFileSync(file, text);
    return file;
  };
  const user = (systemFiles: string[]): { uid: number; systemFiles: string[] } => ({ uid: 1000, systemFiles });

  it('ignores the system graphroot (root\'s store) and takes rootless_storage_path or ~/.local/share', () => {
    const h = home();
    const fedora = systemFile('[storage]\ndriver = "overlay"\nrunroot = "/run/containers/storage"\ngraphroot = "/var/lib/containers/storage"\n');
    expect(locateStore(undefined, { HOME: h }, user([fedora]))).toEqual({ graphRoot: join(h, '.local/share/containers/storage'), driver: 'overlay', additionalImageStores: [] });
    expect(locateStore(undefined, { HOME: h, XDG_DATA_HOME: join(h, 'data') }, user([fedora])).graphRoot).toBe(join(h, 'data/containers/storage'));
    const shared = systemFile('[storage]\ndriver = "overlay"\ngraphroot = "/var/lib/containers/storage"\nrootless_storage_path = "/srv/containers/$USER-$UID/storage"\n');
    expect(locateStore(undefined, { HOME: h, USER: 'ann' }, user([shared])).graphRoot).toBe('/srv/containers/ann-1000/storage');
    // Root reads the system graphroot.
    expect(locateStore(undefined, { HOME: h }, { uid: 0, systemFiles: [fedora] }).graphRoot).toBe('/var/lib/containers/storage');
  });

  it('takes graphroot from the user\'s own storage.conf, else its rootless_storage_path', () => {
    const h = home();
    mkdirSync(join(h, '.config/containers'), { recursive: true });
    writeFileSync(join(h, '.config/containers/storage.conf'), '[storage]\ndriver = "vfs"\nrootless_storage_path = "$HOME/ctr"\n');
    expect(locateStore(undefined, { HOME: h }, user([])).graphRoot).toBe(join(h, 'ctr'));
    writeFileSync(join(h, '.config/containers/storage.conf'), '[storage]\ndriver = "overlay2"\ngraphroot = "${HOME}/mine"\n');
    expect(locateStore(undefined, { HOME: h }, user([]))).toMatchObject({ graphRoot: join(h, 'mine'), driver: 'overlay' });
  });

  it('reads additionalimagestores on one line or several, skipping comments', () => {
    expect(storageTable('[storage]\ndriver = "overlay"\n[storage.options]\nadditionalimagestores = [ "/a", \'/b\' ]\n').additionalimagestores).toEqual(['/a', '/b']);
    expect(storageTable('[storage.options]\nadditionalimagestores = [\n# "/old",\n  "/usr/lib/containers/storage", # shipped\n]\nsize = ""\n').additionalimagestores).toEqual(['/usr/lib/containers/storage']);
    expect(storageTable('[storage]\nadditionalimagestores = ["/not/here"]\n').additionalimagestores).toBeUndefined();
  });
});
