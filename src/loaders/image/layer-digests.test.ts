/**
 * Digest verification of readLayer with the digests computed on the worker (as readImage does for
 * big layers): right digests pass, a wrong blob digest or diff id is refused, for gzip and plain
 * layers (where one digest serves both).
 */
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { newBudget, readLayer, type LayerReadOptions } from './layer-reader.js';
import { resolveLimits } from './limits.js';
import { parallelDigester } from './parallel-digest.js';

async function tarOf(files: Record<string, Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => {
    pack.on('data', (c) => { chunks.push(c as Buffer); });
    pack.on('end', () => { resolve(); });
  });
  for (const [name, body] of Object.entries(files)) {
    await new Promise<void>((resolve, reject) => { pack.entry({ name, size: body.length }, body, (error) => { if (error) reject(error); else resolve(); }); });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function* chunked(bytes: Buffer, size = 100_000): AsyncGenerator<Buffer> {
  await Promise.resolve();
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const wrong = `sha256:${'0'.repeat(64)}`;

describe('layer digests on the worker', () => {
  // Threshold 0: every stream goes to the worker.
  const digester = parallelDigester(0);
  afterAll(() => { digester.close(); });
  const options = (): LayerReadOptions => ({ label: 'layer', limits: resolveLimits(), budget: newBudget(), wants: () => false, onEntry: () => undefined, digester, expectedBytes: 1 });

  it('verifies a gzip layer: blob digest and diff id', async () => {
    // Incompressible content, more than a ring's worth (8 MiB) on both streams.
    const layer = await tarOf({ a: randomBytes(12 * 1024 * 1024), b: Buffer.from('text') });
    const blob = gzipSync(layer);
    const stats = await readLayer(chunked(blob), { ...options(), digest: sha256(blob), diffId: sha256(layer) });
    expect(stats).toMatchObject({ compression: 'gzip', entries: 2, diffId: sha256(layer) });
    await expect(readLayer(chunked(blob), { ...options(), digest: wrong, diffId: sha256(layer) })).rejects.toMatchObject({ code: 'digest-mismatch', message: /blob has digest/ });
    await expect(readLayer(chunked(blob), { ...options(), digest: sha256(blob), diffId: wrong })).rejects.toMatchObject({ code: 'digest-mismatch', message: /uncompressed layer has digest/ });
  });

  it('verifies a plain layer with one digest for both, and without a blob digest', async () => {
    const layer = await tarOf({ a: randomBytes(1024 * 1024) });
    expect((await readLayer(chunked(layer), { ...options(), digest: sha256(layer), diffId: sha256(layer) })).diffId).toBe(sha256(layer));
    expect((await readLayer(chunked(layer), { ...options(), diffId: sha256(layer) })).diffId).toBe(sha256(layer));
    await expect(readLayer(chunked(layer), { ...options(), digest: sha256(layer), diffId: wrong })).rejects.toMatchObject({ code: 'digest-mismatch' });
    await expect(readLayer(chunked(layer), { ...options(), diffId: wrong })).rejects.toMatchObject({ code: 'digest-mismatch' });
  });
});
