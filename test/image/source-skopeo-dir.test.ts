/**
 * skopeo's own `dir:` format (`skopeo copy docker://... dir:PATH`: manifest.json, every blob named by
 * its hex digest, a "Directory Transport Version" file; with --all, an index whose manifests are
 * HEX.manifest.json). Read as a root file system it gave an empty inventory without a word; it is
 * read as the image it holds, told from a root file system by its version file.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage, type ImageRead } from '../../src/loaders/image/index.js';
import { isImageTarget } from '../../src/sdk/image-scan-targets.js';
import { type Podman, requireTool, startPodman } from './support/podman.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

let podman: Podman;
let archive = '';
let reference: ImageRead;
const wants = (p: string): boolean => p.startsWith('/etc/');

const skopeo = (...args: string[]): void => { execFileSync('skopeo', ['--insecure-policy', ...args], { stdio: 'pipe', env: podman.env }); };

beforeAll(async () => {
  requireTool('skopeo');
  podman = startPodman();
  const context = mkdtempSync(join(podman.dir, 'ctx-'));
  copyFileSync('/bin/busybox', join(context, 'busybox'));
  writeFileSync(join(context, 'Containerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "echo skopeo > /etc/from"]\n');
  podman.build(context, 'localhost/palisade-skopeo:1');
  archive = podman.save('localhost/palisade-skopeo:1', 'oci-archive');
  reference = await readImage(`oci-archive:${archive}`, { wants });
}, 300_000);

afterAll(() => { podman.cleanup(); });

describe('skopeo dir: images', () => {
  it('reads what skopeo copy ... dir:PATH wrote, named dir:PATH or by its path', async () => {
    const dir = join(mkdtempSync(join(podman.dir, 'skopeo-')), 'image');
    skopeo('copy', `oci-archive:${archive}`, `dir:${dir}`);
    // palisade scan DIR takes it for an image too, as it does an OCI layout.
    expect(isImageTarget(dir, '/')).toBe(true);
    expect(isImageTarget(podman.dir, '/')).toBe(false);
    for (const target of [`dir:${dir}`, dir]) {
      const read = await readImage(target, { wants });
      expect(read.image?.configDigest, target).toBe(reference.image?.configDigest);
      expect(read.image?.layers.map((l) => l.diffId)).toEqual(reference.image?.layers.map((l) => l.diffId));
      expect(read.fs.read('/etc/from')?.toString()).toBe('skopeo\n');
    }
  });

  it('chooses the platform of an index copied with --all', async () => {
    const layout = join(mkdtempSync(join(podman.dir, 'multi-')), 'layout');
    const writer = new OciWriter(layout);
    const amd64 = writer.image([await tarOf({ 'etc/arch': 'amd64\n' })], 'amd64');
    const arm64 = writer.image([await tarOf({ 'etc/arch': 'arm64\n' })], 'arm64');
    const index = writer.blob(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [
      { ...amd64, platform: { os: 'linux', architecture: 'amd64' } }, { ...arm64, platform: { os: 'linux', architecture: 'arm64' } },
    ] })), 'application/vnd.oci.image.index.v1+json');
    writer.index([{ ...index, annotations: { 'org.opencontainers.image.ref.name': 'multi' } }]);
    const dir = join(mkdtempSync(join(podman.dir, 'skopeo-all-')), 'image');
    skopeo('copy', '--all', `oci:${layout}:multi`, `dir:${dir}`);
    const read = await readImage(`dir:${dir}`, { wants, platform: 'linux/arm64' });
    expect(read.fs.read('/etc/arch')?.toString()).toBe('arm64\n');
  });

  it('still reads a root file system as one', async () => {
    const root = mkdtempSync(join(podman.dir, 'rootfs-'));
    mkdirSync(join(root, 'etc'));
    writeFileSync(join(root, 'etc/version'), 'Directory Transport Version: 1.1\n');
    writeFileSync(join(root, 'manifest.json'), '{}');
    const read = await readImage(`dir:${root}`, { wants });
    expect(read.image).toBeUndefined();
    expect(read.fs.read('/etc/version')?.toString()).toContain('Directory');
  });
});
