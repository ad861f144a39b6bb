/**
 * A corpus of hostile layers, built in memory: each must be refused with a clear, coded error and
 * without unbounded memory. Nothing here can touch the disk: the reader never writes.
 */
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { ImageError, newBudget, readLayer, resolveLimits, RootFs, type ImageLimits } from '../../src/loaders/image/index.js';

type Member = { name: string; type?: 'file' | 'symlink' | 'link' | 'directory'; body?: string | Buffer; linkname?: string; size?: number };

async function tarOf(members: readonly Member[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => {
    pack.on('data', (c) => { chunks.push(c as Buffer); });
    pack.on('end', () => { resolve(); });
  });
  for (const m of members) {
    const body = m.body === undefined ? undefined : Buffer.from(m.body);
    await new Promise<void>((resolve, reject) => {
      const header = { name: m.name, type: m.type ?? 'file', ...(m.linkname === undefined ? {} : { linkname: m.linkname }), ...(body === undefined ? {} : { size: body.length }) };
      pack.entry(header, body ?? Buffer.alloc(0), (error) => { if (error) reject(error); else resolve(); });
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function* chunked(bytes: Buffer, size = 64 * 1024): AsyncGenerator<Buffer> {
  await Promise.resolve();
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function apply(layers: readonly Buffer[], limits: Partial<ImageLimits> = {}): Promise<RootFs> {
  const fs = new RootFs();
  const budget = newBudget();
  for (const [i, blob] of layers.entries()) {
    await readLayer(chunked(blob), { label: `layer ${i + 1}`, limits: resolveLimits(limits), budget, wants: () => true, onEntry: (e) => { fs.apply(e, i, `layer ${i + 1}`); } });
  }
  return fs;
}

async function refusal(layers: readonly Buffer[], limits: Partial<ImageLimits> = {}): Promise<ImageError> {
  try {
    await apply(layers, limits);
  } catch (error) {
    if (error instanceof ImageError) return error;
    throw error;
  }
  throw new Error('the layer was accepted');
}

describe('hostile layers', () => {
  it('refuses path traversal with ..', async () => {
    const error = await refusal([await tarOf([{ name: '../../etc/cron.d/evil', body: 'x' }])]);
    expect(error.code).toBe('layer-hostile');
    expect(error.message).toMatch(/path traversal/);
  });

  it('refuses an entry written through a symlink (symlink escape)', async () => {
    const error = await refusal([await tarOf([{ name: 'escape', type: 'symlink', linkname: '/etc' }, { name: 'escape/passwd', body: 'root::0:0::/:/bin/sh' }])]);
    expect(error.code).toBe('layer-hostile');
    expect(error.message).toMatch(/through the symbolic link "escape"/);
  });

  it('refuses an entry written through a symlink from a lower layer', async () => {
    const lower = await tarOf([{ name: 'up', type: 'symlink', linkname: '../../../..' }]);
    const error = await refusal([lower, await tarOf([{ name: 'up/host-file', body: 'x' }])]);
    expect(error.code).toBe('layer-hostile');
  });

  it('resolves a symlink that climbs above the root to the image root, never the host', async () => {
    const fs = await apply([await tarOf([{ name: 'etc/passwd', body: 'image-passwd' }, { name: 'link', type: 'symlink', linkname: '../../../../../etc/passwd' }])]);
    expect(fs.read('/link')?.toString()).toBe('image-passwd');
    expect(fs.resolve('/link')?.path).toBe('/etc/passwd');
  });

  it('refuses a hard link to a file outside the image', async () => {
    const error = await refusal([await tarOf([{ name: 'shadow', type: 'link', linkname: '../../etc/shadow' }])]);
    expect(error.code).toBe('layer-hostile');
    const missing = await refusal([await tarOf([{ name: 'shadow', type: 'link', linkname: 'etc/shadow' }])]);
    expect(missing.message).toMatch(/not in the image/);
  });

  it('refuses duplicate entries in one layer', async () => {
    const error = await refusal([await tarOf([{ name: 'etc/os-release', body: 'ID=debian' }, { name: 'etc/os-release', body: 'ID=alpine' }])]);
    expect(error.code).toBe('layer-hostile');
    expect(error.message).toMatch(/appears twice/);
  });

  it('stops a decompression bomb at the ratio limit', async () => {
    const bomb = gzipSync(await tarOf([{ name: 'zeros', body: Buffer.alloc(24 * 1024 * 1024) }]));
    const before = process.memoryUsage().rss;
    const error = await refusal([bomb], { ratioGraceBytes: 4 * 1024 * 1024, maxCompressionRatio: 50 });
    expect(error.code).toBe('layer-limit');
    expect(error.message).toMatch(/decompression bomb/);
    // The bomb is refused while streaming: memory does not grow by its expanded size.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a truncated gzip layer', async () => {
    const whole = gzipSync(await tarOf([{ name: 'a', body: 'x'.repeat(100_000) }, { name: 'b', body: 'y'.repeat(100_000) }]));
    const error = await refusal([whole.subarray(0, Math.floor(whole.length / 2))]);
    expect(error.code).toBe('layer-corrupt');
  });

  it('refuses a truncated plain tar', async () => {
    const whole = await tarOf([{ name: 'a', body: 'x'.repeat(10_000) }]);
    const error = await refusal([whole.subarray(0, 3000)]);
    expect(error.code).toBe('layer-corrupt');
  });

  it('refuses garbage', async () => {
    const error = await refusal([Buffer.from('this is not a tar archive at all'.repeat(40))]);
    expect(error.code).toBe('layer-corrupt');
  });

  it('enforces the entry and file size limits', async () => {
    const many = await tarOf(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, body: 'x' })));
    expect((await refusal([many], { maxEntriesPerLayer: 10 })).code).toBe('layer-limit');
    const big = await tarOf([{ name: 'big', body: Buffer.alloc(4096) }]);
    expect((await refusal([big], { maxFileBytes: 1024 })).code).toBe('layer-limit');
  });

  it('verifies the blob digest and the diff id', async () => {
    const layer = await tarOf([{ name: 'a', body: 'x' }]);
    const wrong = `sha256:${'0'.repeat(64)}`;
    const opts = { label: 'layer', limits: resolveLimits(), budget: newBudget(), wants: () => false, onEntry: () => undefined };
    await expect(readLayer(chunked(layer), { ...opts, digest: wrong })).rejects.toMatchObject({ code: 'digest-mismatch' });
    await expect(readLayer(chunked(gzipSync(layer)), { ...opts, diffId: wrong })).rejects.toMatchObject({ code: 'digest-mismatch' });
  });
});

describe('layer semantics', () => {
  it('applies whiteouts and opaque directories to lower layers only', async () => {
    const base = await tarOf([{ name: 'd/', type: 'directory' }, { name: 'd/old', body: '1' }, { name: 'd/sub/deep', body: '2' }, { name: 'keep', body: 'k' }, { name: 'gone', body: 'g' }]);
    const upper = await tarOf([{ name: 'd/new', body: '3' }, { name: 'd/.wh..wh..opq', body: '' }, { name: '.wh.gone', body: '' }, { name: 'added', body: 'a' }, { name: '.wh.added', body: '' }]);
    const fs = await apply([base, upper]);
    expect(fs.read('/d/new')?.toString()).toBe('3');
    expect(fs.resolve('/d/old')).toBeUndefined();
    expect(fs.resolve('/d/sub/deep')).toBeUndefined();
    expect(fs.read('/keep')?.toString()).toBe('k');
    expect(fs.resolve('/gone')).toBeUndefined();
    // A whiteout never hides what its own layer adds.
    expect(fs.read('/added')?.toString()).toBe('a');
  });

  it('keeps every version of a rewritten file with the layer that wrote it', async () => {
    const fs = await apply([await tarOf([{ name: 'db', body: 'v1' }]), await tarOf([{ name: 'other', body: '' }]), await tarOf([{ name: 'db', body: 'v2' }])]);
    const found = fs.resolve('/db');
    expect(found?.node.kind === 'file' ? found.node.versions.map((v) => [v.layer, v.content.toString()]) : []).toEqual([[0, 'v1'], [2, 'v2']]);
  });

  it('reads zstd layers', async () => {
    let zstd: Buffer;
    try {
      zstd = execFileSync('zstd', ['-q', '-c'], { input: await tarOf([{ name: 'etc/os-release', body: 'ID=alpine\n' }]) });
    } catch {
      throw new Error('zstd is not installed: run `bash scripts/setup-images.sh`');
    }
    const fs = await apply([zstd]);
    expect(fs.read('/etc/os-release')?.toString()).toBe('ID=alpine\n');
    const error = await refusal([zstd.subarray(0, zstd.length - 8)]);
    expect(error.code).toBe('layer-corrupt');
  });
});
