/**
 * What an OCI layout directory handed over by someone else can make the reader show: a layout file
 * that is a symbolic link is refused rather than read from outside the layout, and a file that is
 * not JSON is named without quoting its content (it may be anything, a secret included). And an
 * explicit --platform that a single-platform image is not for is refused, not silently ignored;
 * an OCI artifact is named as one.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImage } from '../../src/loaders/image/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

const SECRET = 'root:$y$j9T$notarealhashbutasecret:19000:0:99999:7:::';

function layout(index: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-layout-'));
  mkdirSync(join(dir, 'blobs/sha256'), { recursive: true });
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  index(dir);
  return dir;
}

async function failure(target: string): Promise<{ code: string; message: string }> {
  try {
    await readImage(target, { wants: () => false });
  } catch (error) {
    return (error as { problem: { code: string; message: string } }).problem;
  }
  throw new Error('read without error');
}

describe('OCI layout files', () => {
  it('refuses an index.json that is a symbolic link out of the layout', async () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'palisade-outside-')), 'shadow');
    writeFileSync(outside, `${SECRET}\n`);
    const dir = layout((d) => { symlinkSync(outside, join(d, 'index.json')); });
    const problem = await failure(`oci:${dir}`);
    expect(problem.code).toBe('image-invalid');
    expect(problem.message).toContain('symbolic link');
    expect(problem.message).not.toContain('root:');
  });

  it('says a file is not JSON without quoting it', async () => {
    const dir = layout((d) => { writeFileSync(join(d, 'index.json'), SECRET); });
    const problem = await failure(`oci:${dir}`);
    expect(problem).toMatchObject({ code: 'image-invalid', message: expect.stringContaining('not valid JSON') as unknown });
    expect(problem.message).not.toContain('root:');
  });

  it('refuses an explicit --platform the image is not for, and takes a compatible one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-layout-'));
    const writer = new OciWriter(dir);
    writer.index([writer.image([await tarOf({ 'etc/os-release': 'ID=alpine\n' })], 'arm64')]);
    await expect(readImage(`oci:${dir}`, { wants: () => false, platform: 'linux/amd64' }))
      .rejects.toMatchObject({ problem: { code: 'image-not-found', message: expect.stringContaining('an image for linux/arm64, not for --platform linux/amd64') as unknown } });
    expect((await readImage(`oci:${dir}`, { wants: () => false, platform: 'linux/arm64/v8' })).image?.architecture).toBe('arm64');
    expect((await readImage(`oci:${dir}`, { wants: () => false })).image?.architecture).toBe('arm64');
  });

  it('names an OCI artifact (a Helm chart) as such instead of a config without rootfs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-layout-'));
    const writer = new OciWriter(dir);
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: writer.blob(Buffer.from('{"name":"chart","version":"1.0.0"}'), 'application/vnd.cncf.helm.config.v1+json'),
      layers: [writer.blob(Buffer.from('not a real chart'), 'application/vnd.cncf.helm.chart.content.v1.tar+gzip')],
    }));
    writer.index([writer.blob(manifest, 'application/vnd.oci.image.manifest.v1+json')]);
    await expect(readImage(`oci:${dir}`, { wants: () => false }))
      .rejects.toMatchObject({ problem: { code: 'image-unsupported', message: expect.stringContaining('OCI artifact (config application/vnd.cncf.helm.config.v1+json)') as unknown } });
  });

  it('chooses by platform among untagged manifests that index.json lists with their platforms', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-layout-'));
    const writer = new OciWriter(dir);
    const amd = writer.image([await tarOf({ 'etc/os-release': 'ID=alpine\n' })], 'amd64');
    const arm = writer.image([await tarOf({ 'etc/os-release': 'ID=alpine\n' })], 'arm64');
    writer.index([{ ...amd, platform: { os: 'linux', architecture: 'amd64' } }, { ...arm, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }]);
    expect((await readImage(`oci:${dir}`, { wants: () => false, platform: 'linux/arm64' })).image?.architecture).toBe('arm64');
    expect((await readImage(`oci:${dir}`, { wants: () => false, platform: 'linux/amd64' })).image?.architecture).toBe('amd64');
  });

  it('names images by the full name docker save (Docker 25+) records beside the bare tag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-layout-'));
    const writer = new OciWriter(dir);
    const image = async (name: string, tag: string): Promise<object> => ({
      ...writer.image([await tarOf({ [`${name}.txt`]: name })]),
      annotations: { 'io.containerd.image.name': `docker.io/library/${name}:${tag}`, 'org.opencontainers.image.ref.name': tag },
    });
    writer.index([await image('alpine', '3.20'), await image('debian', '3.20')]);
    const read = await readImage(`oci:${dir}:alpine:3.20`, { wants: () => true });
    expect(read.fs.resolve('/alpine.txt')).toBeDefined();
    expect(read.image?.repoTags).toEqual(['docker.io/library/alpine:3.20']);
    await expect(readImage(`oci:${dir}:3.20`, { wants: () => false })).rejects.toMatchObject({ problem: { code: 'image-ambiguous' } });
  });

  it('says why a bare name is no image reference', async () => {
    expect((await failure('docker.io/Library/alpine')).message).toContain('repository names must be lowercase');
  });
});
