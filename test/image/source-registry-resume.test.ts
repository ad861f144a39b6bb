/**
 * A layer download that breaks off (a reset connection on a long pull) is resumed where it stopped
 * with a Range request, as docker resumes layer downloads, and still verified against its digest;
 * a registry that ignores Range sends the blob again and what was already read is skipped.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/loaders/image/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

const work = mkdtempSync(join(tmpdir(), 'palisade-resume-'));
const layout = join(work, 'layout');
let manifestDigest = '';
let layerDigest = '';
let server: Server | undefined;
let host = '';
/** Range headers of the layer requests, per scenario. */
const ranges = new Map<string, (string | undefined)[]>();
const CUT = 60_000;

const blob = (digest: string): Buffer => readFileSync(join(layout, 'blobs/sha256', digest.slice('sha256:'.length)));

beforeAll(async () => {
  // Incompressible content, so the gzip'd layer is larger than the cut.
  const writer = new OciWriter(layout);
  manifestDigest = writer.image([await tarOf({ 'etc/os-release': 'ID=alpine\nVERSION_ID=3.20.0\n', 'etc/noise': randomBytes(100_000).toString('base64') })]).digest;
  layerDigest = (JSON.parse(blob(manifestDigest).toString()) as { layers: { digest: string }[] }).layers[0]?.digest ?? '';
  server = createServer((req, res) => {
    const match = /^\/v2\/(\w+)\/app\/(manifests|blobs)\/(.+)$/.exec(req.url ?? '');
    if (match === null) {
      res.writeHead(404).end();
      return;
    }
    const [, scenario = '', kind = '', ref = ''] = match;
    const bytes = blob(ref === 'latest' ? manifestDigest : ref);
    if (kind === 'manifests') {
      res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' }).end(bytes);
      return;
    }
    if (ref !== layerDigest) {
      res.writeHead(200).end(bytes);
      return;
    }
    const seen = ranges.get(scenario) ?? [];
    ranges.set(scenario, [...seen, req.headers.range]);
    if (seen.length === 0) {
      // The first answer breaks off part way.
      res.writeHead(200, { 'Content-Length': String(bytes.length) });
      res.write(bytes.subarray(0, CUT));
      setTimeout(() => res.destroy(), 50);
      return;
    }
    const from = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    if (scenario === 'ranges' && from > 0) {
      res.writeHead(206, { 'Content-Range': `bytes ${from}-${bytes.length - 1}/${bytes.length}`, 'Content-Length': String(bytes.length - from) }).end(bytes.subarray(from));
      return;
    }
    res.writeHead(200, { 'Content-Length': String(bytes.length) }).end(bytes);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => { server?.close(); });

const read = (scenario: string): ReturnType<typeof readImage> => readImage(`docker://${host}/${scenario}/app:latest`, { wants: (p) => p.startsWith('/etc/'), env: { HOME: work } });

describe('layer downloads that break off', () => {
  it('resumes with a Range request where the answer stopped', async () => {
    const image = await read('ranges');
    expect(image.fs.read('/etc/os-release')?.toString()).toContain('alpine');
    expect(image.fs.read('/etc/noise')?.length).toBeGreaterThan(100_000);
    const [first, second] = ranges.get('ranges') ?? [];
    expect(first).toBeUndefined();
    expect(second).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(second ?? '')?.[0])).toBeGreaterThan(0);
  });

  it('skips what was read when the registry ignores Range and sends the blob again', async () => {
    const image = await read('norange');
    expect(image.fs.read('/etc/noise')?.length).toBeGreaterThan(100_000);
    expect(ranges.get('norange')).toHaveLength(2);
  });
});
