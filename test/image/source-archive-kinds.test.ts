/**
 * Layouts and archives as podman writes them, handed over by someone else: an OCI archive named as
 * docker-archive (podman save writes either kind, whatever the file is called) is read as what it
 * is; a layout whose blobs directory or blob is a symbolic link to files outside it is refused, never
 * followed; a layout without index.json is a coded error, not a crash.
 */
import { copyFileSync, cpSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage, type ImageRead } from '../../src/loaders/image/index.js';
import { type Podman, startPodman } from './support/podman.js';

let podman: Podman;
let ociArchive = '';
let ociDir = '';
let reference: ImageRead;
const wants = (p: string): boolean => p.startsWith('/etc/');
const layerBlob = (read: ImageRead): string => (read.image?.layers[0]?.digest ?? '').replace('sha256:', '');

beforeAll(async () => {
  podman = startPodman();
  const context = mkdtempSync(join(podman.dir, 'ctx-'));
  copyFileSync('/bin/busybox', join(context, 'busybox'));
  writeFileSync(join(context, 'Containerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "echo kind > /etc/kind"]\n');
  podman.build(context, 'localhost/palisade-kinds:1');
  ociArchive = podman.save('localhost/palisade-kinds:1', 'oci-archive');
  ociDir = podman.save('localhost/palisade-kinds:1', 'oci-dir');
  reference = await readImage(`oci:${ociDir}`, { wants });
}, 300_000);

afterAll(() => { podman.cleanup(); });

/** A copy of the podman layout, to be altered. */
function layoutCopy(): string {
  const copy = join(mkdtempSync(join(podman.dir, 'layout-')), 'image');
  cpSync(ociDir, copy, { recursive: true });
  return copy;
}

describe('archive kinds', () => {
  it('reads an OCI archive named as docker-archive (with its tag), as it reads one named oci-archive', async () => {
    for (const target of [`docker-archive:${ociArchive}`, `docker-archive:${ociArchive}:localhost/palisade-kinds:1`]) {
      const read = await readImage(target, { wants });
      expect(read.image?.configDigest, target).toBe(reference.image?.configDigest);
      expect(read.fs.read('/etc/kind')?.toString()).toBe('kind\n');
    }
  });
});

describe('OCI layouts with links out of them', () => {
  it('refuses a blobs directory that is a symbolic link to another place', async () => {
    const layout = layoutCopy();
    const elsewhere = join(mkdtempSync(join(podman.dir, 'elsewhere-')), 'blobs');
    renameSync(join(layout, 'blobs'), elsewhere);
    symlinkSync(elsewhere, join(layout, 'blobs'));
    await expect(readImage(`oci:${layout}`, { wants })).rejects.toMatchObject({ code: 'image-invalid', message: expect.stringContaining('outside the layout') as unknown });
  });

  it('refuses a layer blob that is a symbolic link, naming it (not "missing")', async () => {
    const layout = layoutCopy();
    const blob = join(layout, 'blobs/sha256', layerBlob(reference));
    const outside = join(mkdtempSync(join(podman.dir, 'outside-')), 'layer');
    renameSync(blob, outside);
    symlinkSync(outside, blob);
    await expect(readImage(`oci:${layout}`, { wants })).rejects.toMatchObject({ code: 'image-invalid', message: expect.stringContaining('is a symbolic link') as unknown });
  });

  it('names a layout without index.json with a coded error', async () => {
    const layout = layoutCopy();
    rmSync(join(layout, 'index.json'));
    await expect(readImage(`oci:${layout}`, { wants })).rejects.toMatchObject({ code: 'image-invalid', message: expect.stringContaining('index.json') as unknown });
  });

  it('still reads the layout when it is reached through a symbolic link itself', async () => {
    const link = join(mkdtempSync(join(podman.dir, 'via-')), 'image');
    symlinkSync(layoutCopy(), link);
    expect((await readImage(`oci:${link}`, { wants })).image?.configDigest).toBe(reference.image?.configDigest);
  });
});
