/**
 * Windows images list one manifest per OS build (platform os.version 10.0.17763.x, 10.0.20348.x) for
 * the same os/arch. --platform takes containerd's os(VERSION)/arch form to choose a build (a prefix
 * of the image's version: 10.0.20348 is 10.0.20348.2340), and the error lists the versions there are.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/loaders/image/index.js';
import { formatPlatform, parsePlatform } from '../../src/loaders/image/platform.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

const dir = join(mkdtempSync(join(tmpdir(), 'palisade-osversion-')), 'layout');
const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function windowsImage(writer: OciWriter, build: string): Promise<{ mediaType: string; digest: string; size: number; platform: object }> {
  const layer = await tarOf({ 'Files/build.txt': `${build}\n` });
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'windows', 'os.version': build, rootfs: { type: 'layers', diff_ids: [sha(layer)] } }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: writer.blob(config, 'application/vnd.oci.image.config.v1+json'),
    layers: [writer.blob(gzipSync(layer), 'application/vnd.oci.image.layer.v1.tar+gzip')],
  }));
  return { ...writer.blob(manifest, 'application/vnd.oci.image.manifest.v1+json'), platform: { os: 'windows', architecture: 'amd64', 'os.version': build } };
}

beforeAll(async () => {
  const writer = new OciWriter(dir);
  const ltsc2019 = await windowsImage(writer, '10.0.17763.5458');
  const ltsc2022 = await windowsImage(writer, '10.0.20348.2340');
  const index = writer.blob(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [ltsc2019, ltsc2022] })), 'application/vnd.oci.image.index.v1+json');
  writer.index([{ ...index, annotations: { 'org.opencontainers.image.ref.name': 'servercore' } }]);
});

const build = async (platform: string): Promise<string | undefined> =>
  (await readImage(`oci:${dir}:servercore`, { wants: () => true, platform })).fs.read('/Files/build.txt')?.toString().trim();

describe('--platform with an OS version', () => {
  it('chooses the build os(VERSION)/arch names, by prefix', async () => {
    expect(await build('windows(10.0.20348)/amd64')).toBe('10.0.20348.2340');
    expect(await build('windows(10.0.17763.5458)/amd64')).toBe('10.0.17763.5458');
    expect(await build('windows/amd64')).toBe('10.0.17763.5458');
  });

  it('lists the versions there are when none fits', async () => {
    await expect(build('windows(10.0.26100)/amd64')).rejects.toMatchObject({
      code: 'image-not-found', message: expect.stringContaining('windows(10.0.17763.5458)/amd64, windows(10.0.20348.2340)/amd64') as unknown,
    });
  });

  it('reads and writes the containerd form', () => {
    expect(parsePlatform('windows(10.0.20348)/amd64')).toEqual({ os: 'windows', architecture: 'amd64', osVersion: '10.0.20348' });
    expect(formatPlatform(parsePlatform('linux/arm/v7'))).toBe('linux/arm/v7');
    expect(() => parsePlatform('(10.0)/amd64')).toThrow(/os\[\(version\)\]\/arch/);
  });
});
