/**
 * zstd layers built by hand (frame and block headers, RFC 8878) to cost the decoder what their
 * size does not show: a window of gigabytes, thousands of one-byte blocks under a large window,
 * and 128 KiB RLE blocks of four bytes each. Each must be refused (or read) within bounded memory
 * and time; real encoder output must still read, however it is chunked.
 */
import { execFileSync } from 'node:child_process';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { ImageError, newBudget, readLayer, resolveLimits, RootFs } from '../../src/loaders/image/index.js';

const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

/** A frame header without single segment, checksum or dictionary: magic, descriptor, window descriptor. */
function frameHeader(windowDescriptor: number): Buffer {
  return Buffer.concat([ZSTD_MAGIC, Buffer.from([0x00, windowDescriptor])]);
}

/** An RLE block: `size` copies of `byte` (header: last flag, type 1, size). */
function rleBlock(size: number, byte: number, last = false): Buffer {
  const header = (last ? 1 : 0) | (1 << 1) | (size << 3);
  return Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, byte]);
}

/** A raw block holding `content`. */
function rawBlock(content: Buffer, last = false): Buffer {
  const header = (last ? 1 : 0) | (content.length << 3);
  return Buffer.concat([Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), content]);
}

async function tarOf(members: readonly { name: string; body: string }[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => {
    pack.on('data', (c) => { chunks.push(c as Buffer); });
    pack.on('end', () => { resolve(); });
  });
  for (const m of members) pack.entry({ name: m.name }, m.body);
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A tar header announcing one file of `size` bytes, as a tar writer would emit it first. */
async function tarHeaderFor(name: string, size: number): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c) => { chunks.push(c as Buffer); });
  pack.entry({ name, size, type: 'file' });
  await new Promise((resolve) => setImmediate(resolve));
  return Buffer.concat(chunks).subarray(0, 512);
}

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  await Promise.resolve();
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function read(blob: Buffer, chunkSize = 64 * 1024): Promise<RootFs> {
  const fs = new RootFs();
  await readLayer(chunked(blob, chunkSize), { label: 'layer 1', limits: resolveLimits(), budget: newBudget(), wants: () => true, onEntry: (e) => { fs.apply(e, 0, 'layer 1'); } });
  return fs;
}

/** The process's peak resident memory so far: a transient buffer is freed before the call returns, so the current RSS would miss it. */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

async function refusal(blob: Buffer): Promise<ImageError> {
  try {
    await read(blob);
  } catch (error) {
    if (error instanceof ImageError) return error;
    throw error;
  }
  throw new Error('the layer was accepted');
}

describe('hostile zstd layers', () => {
  it('refuses a frame that asks for a window of gigabytes before allocating it', async () => {
    // Window descriptor 0xa7: 2^30 + 7 * 2^27 bytes (1.875 GiB), the most the decoder accepts.
    const blob = Buffer.concat([frameHeader(0xa7), rleBlock(512, 0), rleBlock(512, 0, true)]);
    const before = peakRss();
    const error = await refusal(blob);
    expect(error.code).toBe('layer-limit');
    expect(error.message).toMatch(/layer 1: a zstd frame asks for a window of 2013265920 bytes/);
    expect(peakRss() - before).toBeLessThan(256 * 1024 * 1024);
  });

  it('refuses a window hidden in the second frame and behind a skippable frame', async () => {
    const skippable = Buffer.concat([Buffer.from([0x50, 0x2a, 0x4d, 0x18]), Buffer.from([4, 0, 0, 0]), Buffer.alloc(4)]);
    const small = Buffer.concat([frameHeader(0x00), rleBlock(512, 0, true)]);
    const error = await refusal(Buffer.concat([small, skippable, frameHeader(0xa7), rleBlock(512, 0, true)]));
    expect(error.code).toBe('layer-limit');
    expect(error.message).toMatch(/window of 2013265920 bytes/);
  });

  it('refuses one-byte blocks under a large window (each block moves the whole window)', async () => {
    // 128 MiB window (descriptor 0x88): allowed, but 20,000 blocks of 1 byte would move 2.5 TB.
    const blocks = Array.from({ length: 20_000 }, () => rleBlock(1, 0));
    const blob = Buffer.concat([frameHeader(0x88), ...blocks, rleBlock(1, 0, true)]);
    // Refused before the window moves (unbounded, the test's own timeout would end it).
    const error = await refusal(blob);
    expect(error.code).toBe('layer-limit');
    expect(error.message).toMatch(/blocks are too small for its window/);
  }, 20_000);

  it('stops 128 KiB RLE blocks (a 1 GiB file from 32 KiB) at the ratio limit with bounded memory', async () => {
    const header = await tarHeaderFor('zeros', 1024 ** 3);
    const blocks = Array.from({ length: 8192 }, () => rleBlock(128 * 1024, 0));
    // Window descriptor 0x50: 1 MiB, a window an encoder would choose.
    const blob = Buffer.concat([frameHeader(0x50), rawBlock(header), ...blocks, rleBlock(1024, 0, true)]);
    expect(blob.length).toBeLessThan(40 * 1024);
    const before = peakRss();
    // One chunk holds the whole blob: the decoder must not decode it all in one call.
    const error = await (async () => {
      try {
        await read(blob, blob.length);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ImageError);
    expect((error as ImageError).message).toMatch(/decompression bomb/);
    expect(peakRss() - before).toBeLessThan(256 * 1024 * 1024);
  });

  it('reads real zstd output in several frames, whatever the chunking', async () => {
    let frames: Buffer;
    try {
      const first = execFileSync('zstd', ['-q', '-c', '-19'], { input: await tarOf([{ name: 'etc/os-release', body: 'ID=alpine\n'.repeat(5000) }]) });
      // zstd concatenates frames in one stream (pzstd, zstd -T, appended writes).
      const second = execFileSync('zstd', ['-q', '-c', '--no-check'], { input: Buffer.alloc(2048) });
      frames = Buffer.concat([first.subarray(0), second]);
    } catch {
      throw new Error('zstd is not installed: run `bash scripts/setup-images.sh`');
    }
    // The first frame's tar has its own end marker; the second frame is zero blocks after it.
    for (const size of [1, 7, 1000, 1 << 20]) {
      const fs = await read(frames, size);
      expect(fs.read('/etc/os-release')?.length).toBe(50_000);
    }
  });

  it('reads a run of zeros under the ratio grace (thousands of tiny blocks, each filled)', async () => {
    const zeros = execFileSync('zstd', ['-q', '-c', '-19'], { input: await tarOf([{ name: 'sparse.img', body: '\0'.repeat(24 * 1024 * 1024) }, { name: 'etc/os-release', body: 'ID=debian\n' }]) });
    expect(zeros.length).toBeLessThan(64 * 1024);
    const fs = await read(zeros, zeros.length);
    expect(fs.read('/etc/os-release')?.toString()).toBe('ID=debian\n');
  });
});
