/** Progress of a read: layer bytes rise to the image's stored size, then the package analysis starts. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { inventoryImage, type InventoryProgress } from '../../src/sdk/image.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

it('reports layer bytes read over the total, layer by layer, then the analysis', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-progress-'));
  const writer = new OciWriter(dir);
  const layers = [await tarOf({ 'etc/os-release': 'ID=alpine\nVERSION_ID=3.19.1\n' }), await tarOf({ 'data/a': 'x'.repeat(300_000) }), await tarOf({ 'data/b': 'y' })];
  writer.index([writer.image(layers)]);
  const seen: InventoryProgress[] = [];
  await inventoryImage(`oci:${dir}`, { onProgress: (p) => seen.push(p) });
  const reads = seen.filter((p) => p.phase === 'layers');
  // Layers are stored gzipped: the total is the manifest's blob sizes, all of which get read.
  const total = reads[0]?.totalBytes ?? 0;
  expect(total).toBeGreaterThan(0);
  expect(reads.every((p) => p.totalBytes === total && p.layers === 3)).toBe(true);
  expect(reads.map((p) => p.bytesRead)).toEqual([...reads.map((p) => p.bytesRead)].sort((a, b) => a - b));
  expect(new Set(reads.map((p) => p.layer))).toEqual(new Set([1, 2, 3]));
  expect(reads.at(-1)?.bytesRead).toBe(total);
  expect(seen.at(-1)).toEqual({ phase: 'packages' });
});
