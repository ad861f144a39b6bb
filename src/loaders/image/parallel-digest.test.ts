import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineDigester, parallelDigester, type StreamDigest } from './parallel-digest.js';

async function feed(digest: StreamDigest, chunks: readonly Buffer[]): Promise<string> {
  for (const chunk of chunks) {
    const room = digest.update(chunk);
    if (room !== undefined) await room;
  }
  return digest.digest();
}

function expected(algorithm: 'sha256' | 'sha512', chunks: readonly Buffer[]): string {
  const hash = createHash(algorithm);
  for (const chunk of chunks) hash.update(chunk);
  return `${algorithm}:${hash.digest('hex')}`;
}

describe('parallel digests', () => {
  // ~26 MB in uneven chunks, more than three times the 8 MiB ring: the writer must wait for the
  // worker and chunks straddle the ring's end.
  const chunks = Array.from({ length: 80 }, (_, i) => randomBytes(200_000 + i * 3_001));
  chunks.push(Buffer.alloc(0), randomBytes(1));

  it('agrees with hashing in place, for concurrent streams on one worker', async () => {
    const digester = parallelDigester(0);
    try {
      const [a, b, c] = await Promise.all([
        feed(digester.start('sha256', 1), chunks),
        feed(digester.start('sha512', 1), chunks),
        feed(digester.start('sha256', 1), chunks.slice(0, 3)),
      ]);
      expect(a).toBe(expected('sha256', chunks));
      expect(b).toBe(expected('sha512', chunks));
      expect(c).toBe(expected('sha256', chunks.slice(0, 3)));
      // Streams started later on the same worker still work.
      expect(await feed(digester.start('sha256', 1), [Buffer.from('abc')])).toBe(expected('sha256', [Buffer.from('abc')]));
    } finally {
      digester.close();
    }
  });

  it('digests an empty stream', async () => {
    const digester = parallelDigester(0);
    try {
      expect(await feed(digester.start('sha256', 1), [])).toBe(expected('sha256', []));
    } finally {
      digester.close();
    }
  });

  it('hashes small streams in place, below the threshold', async () => {
    const digester = parallelDigester(1024);
    // No worker starts for these; close() has nothing to stop.
    expect(await feed(digester.start('sha256', 10), chunks.slice(0, 2))).toBe(expected('sha256', chunks.slice(0, 2)));
    expect(await feed(inlineDigester().start('sha512', 0), chunks.slice(0, 2))).toBe(expected('sha512', chunks.slice(0, 2)));
    digester.close();
  });
});
