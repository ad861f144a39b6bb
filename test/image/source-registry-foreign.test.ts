/**
 * A non-distributable (foreign) layer: its descriptor names URLs where it is published and the
 * registry does not hold it (Windows base layers, vendor layers). The scan says so, and never
 * fetches the URL an image's author chose.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/loaders/image/index.js';
import { tarOf } from './support/oci-writer.js';

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const blobs = new Map<string, Buffer>();
let manifest = Buffer.alloc(0);
let server: Server | undefined;
let host = '';
const fetchedElsewhere: string[] = [];

beforeAll(async () => {
  const base = await tarOf({ 'etc/base': 'foreign\n' });
  const app = await tarOf({ 'etc/app': 'app\n' });
  const appBlob = gzipSync(app);
  const baseBlob = gzipSync(base);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha(base), sha(app)] } }));
  blobs.set(sha(config), config);
  blobs.set(sha(appBlob), appBlob);
  const other = createServer((req, res) => { fetchedElsewhere.push(req.url ?? ''); res.writeHead(200).end(baseBlob); });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const otherHost = `127.0.0.1:${(other.address() as AddressInfo).port}`;
  manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: sha(config), size: config.length },
    layers: [
      { mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', digest: sha(baseBlob), size: baseBlob.length, urls: [`http://${otherHost}/base-layer`] },
      { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: sha(appBlob), size: appBlob.length },
    ],
  }));
  server = createServer((req, res) => {
    const url = req.url ?? '';
    if (url.endsWith('/manifests/latest')) {
      res.writeHead(200, { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json' }).end(manifest);
      return;
    }
    const bytes = blobs.get(url.slice(url.lastIndexOf('/') + 1));
    res.writeHead(bytes === undefined ? 404 : 200).end(bytes ?? '{"errors":[{"code":"BLOB_UNKNOWN"}]}');
  });
  server.on('close', () => other.close());
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => { server?.close(); });

describe('non-distributable layers', () => {
  it('says the layer is published elsewhere and does not fetch it', async () => {
    await expect(readImage(`docker://${host}/win/app:latest`, { wants: () => true, env: { HOME: tmpdir() } }))
      .rejects.toMatchObject({ code: 'image-unsupported', message: expect.stringMatching(/non-distributable layer .*base-layer/) as unknown });
    expect(fetchedElsewhere).toEqual([]);
  });
});
