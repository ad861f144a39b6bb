/**
 * Turning a layer blob into tar bytes. The compression is sniffed from the magic bytes rather than
 * trusted from the media type (docker-archive layers carry none, and mislabelled blobs exist):
 * gzip (1f 8b), zstd (28 b5 2f fd), otherwise an uncompressed tar. Node 20 has no zstd, so zstd goes
 * through fzstd, a dependency-free streaming decoder.
 */
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { Readable } from 'node:stream';
import { Decompress } from 'fzstd';
import { ZstdGuard } from './zstd-guard.js';

export type Compression = 'gzip' | 'zstd' | 'none';

export function sniffCompression(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

/** Output chunk of the gzip inflater (the benchmark's floor uses the same). */
export const INFLATE_CHUNK_BYTES = 1024 * 1024;

/** Yields the decompressed bytes of `input`; throws on corrupt or truncated data. */
export async function* decompress(input: AsyncIterable<Buffer>, compression: Compression): AsyncGenerator<Buffer> {
  if (compression === 'none') {
    yield* input;
    return;
  }
  if (compression === 'gzip') {
    // A truncated stream makes zlib fail with "unexpected end of file" at the end of the input.
    // zlib inflates on the thread pool but stops whenever its readable buffer is full; with the
    // default 16 KiB that is after every chunk, so inflating and this thread's hashing, parsing
    // and scanning took turns. An 8 MiB buffer lets zlib run ahead in parallel (measured 1.9-2.6x
    // faster on the image benchmark) for a bounded 8 MiB per layer being read, and 1 MiB chunks
    // (not 256 KiB) cost a quarter of the round trips: 13-15% faster, the floor alike.
    const options: ZlibOptions & { readonly readableHighWaterMark: number } = { chunkSize: INFLATE_CHUNK_BYTES, readableHighWaterMark: 8 * 1024 * 1024 };
    const gunzip = createGunzip(options);
    const source = Readable.from(input);
    source.on('error', (error) => gunzip.destroy(error));
    source.pipe(gunzip);
    try {
      for await (const chunk of gunzip) yield chunk as Buffer;
    } finally {
      source.destroy();
      gunzip.destroy();
    }
    return;
  }
  yield* zstdChunks(input);
}

/**
 * The decoder is fed in small slices, each checked by the guard first, and what a slice decoded is
 * handed on before the next is pushed: one push decodes every block its bytes complete, and a
 * 4-byte block can decode to 128 KiB, so a whole 1 MB chunk could decode to 32 GB in one call.
 * A slice of SLICE_BYTES decodes to at most 32 MiB, which the ratio limit downstream then sees.
 */
const SLICE_BYTES = 1024;

async function* zstdChunks(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  const state = { ended: false };
  const guard = new ZstdGuard();
  const decoder = new Decompress((data, final) => {
    // Each block, before the decoder moves its window for it (the final call carries no block).
    if (final !== true) guard.decoded(data.length);
    // Copied: the decoder may reuse its window buffer for the next block.
    pending.push(Buffer.from(data));
    if (final === true) state.ended = true;
  });
  for await (const chunk of input) {
    for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
      const slice = chunk.subarray(at, at + SLICE_BYTES);
      guard.check(slice);
      decoder.push(slice);
      if (pending.length === 0) continue;
      const ready = pending;
      pending = [];
      yield* ready;
    }
  }
  decoder.push(new Uint8Array(0), true);
  yield* pending;
  // fzstd reports a truncated frame by never signalling the final block.
  if (!state.ended) throw new Error('unexpected end of zstd stream');
}
