/**
 * Indexes that list indexes (image-spec image-index.md allows it: `oras`/`crane` wrap an image's
 * index in another, a layout's index.json points at an image index), in a layout and from a
 * registry: each level chooses the platform, an entry naming no platform is followed when it is the
 * only one, and the nesting depth is bounded.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/loaders/image/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

const INDEX = 'application/vnd.oci.image.index.v1+json';
const work = mkdtempSync(join(tmpdir(), 'palisade-nested-'));
const layout = join(work, 'layout');
const deep = join(work, 'deep');
let outerDigest = '';
let server: Server | undefined;
let host = '';
const wants = (p: string): boolean => p.startsWith('/etc/');

function indexBlob(writer: OciWriter, manifests: object[]): { mediaType: string; digest: string; size: number } {
  return writer.blob(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests })), INDEX);
}

beforeAll(async () => {
  const writer = new OciWriter(layout);
  const amd64 = writer.image([await tarOf({ 'etc/arch': 'amd64\n' })], 'amd64');
  const arm64 = writer.image([await tarOf({ 'etc/arch': 'arm64\n' })], 'arm64');
  const inner = indexBlob(writer, [{ ...amd64, platform: { os: 'linux', architecture: 'amd64' } }, { ...arm64, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }]);
  const outer = indexBlob(writer, [inner]);
  outerDigest = outer.digest;
  writer.index([{ ...outer, annotations: { 'org.opencontainers.image.ref.name': 'nested' } }]);
  // Six levels of single-entry indexes: past the bound.
  const deepWriter = new OciWriter(deep);
  let top = deepWriter.image([await tarOf({ 'etc/arch': 'amd64\n' })], 'amd64');
  for (let i = 0; i < 6; i += 1) top = indexBlob(deepWriter, [top]);
  deepWriter.index([top]);
  server = createServer((req, res) => {
    const match = /^\/v2\/nested\/app\/(manifests|blobs)\/(.+)$/.exec(req.url ?? '');
    if (match === null) {
      res.writeHead(404).end();
      return;
    }
    const [, kind = '', ref = ''] = match;
    const bytes = readFileSync(join(layout, 'blobs/sha256', (ref === 'latest' ? outerDigest : ref).slice('sha256:'.length)));
    const type = kind === 'blobs' ? {} : { 'Content-Type': (JSON.parse(bytes.toString()) as { mediaType: string }).mediaType };
    res.writeHead(200, type).end(bytes);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => { server?.close(); });

describe('nested indexes', () => {
  it('chooses the platform through an index of an index in a layout', async () => {
    for (const [platform, arch] of [['linux/amd64', 'amd64\n'], ['linux/arm64/v8', 'arm64\n']] as const) {
      const read = await readImage(`oci:${layout}:nested`, { wants, platform });
      expect(read.fs.read('/etc/arch')?.toString(), platform).toBe(arch);
    }
  });

  it('chooses the platform through an index of an index from a registry', async () => {
    const read = await readImage(`docker://${host}/nested/app:latest`, { wants, platform: 'linux/arm64', env: { HOME: work } });
    expect(read.fs.read('/etc/arch')?.toString()).toBe('arm64\n');
  });

  it('bounds the nesting', async () => {
    await expect(readImage(`oci:${deep}`, { wants, platform: 'linux/amd64' })).rejects.toMatchObject({ code: 'image-invalid', message: expect.stringContaining('nested') as unknown });
  });
});
