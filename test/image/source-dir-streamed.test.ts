/**
 * dir: targets and files over the buffering limit: layers hand such a file to the analyzer that
 * reads it as a stream (the Go build info of a 100 MB terraform, a Spring Boot fat jar), but a root
 * directory skipped it with file-not-read, so `palisade sbom dir:/opt/tools` lost every module of
 * its biggest binaries.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readImage } from '../../src/loaders/image/index.js';

const root = mkdtempSync(join(tmpdir(), 'palisade-dir-streamed-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

it('streams a wanted file over the buffering limit to the analyzer that reads streams', async () => {
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
  writeFileSync(join(root, 'usr/bin/tool'), big);
  const seen: number[] = [];
  const read = await readImage(`dir:${root}`, {
    wants: (path) => path === '/usr/bin/tool',
    limits: { maxBufferedFileBytes: 1024 * 1024 },
    condenseStream: () => async (size, chunks) => {
      let bytes = 0;
      for await (const chunk of chunks) {
        bytes += chunk.length;
        seen.push(chunk.length);
      }
      return Buffer.from(`${size}:${bytes}`);
    },
  });
  expect(read.problems).toEqual([]);
  expect(read.fs.read('/usr/bin/tool')?.toString()).toBe(`${big.length}:${big.length}`);
  expect(Math.max(...seen)).toBeLessThanOrEqual(1024 * 1024);
});
