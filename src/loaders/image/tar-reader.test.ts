/**
 * The tar reader against archives written by GNU tar (gnu, pax and ustar formats, long names and
 * link targets) and by tar-stream, and against malformed input: every entry seen with its name,
 * type, size, link target and content; corrupt, truncated and ambiguous archives refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, linkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { TarFormatError, TarReader } from './tar-reader.js';

interface Seen { name: string; type: string; size: number; linkname: string; content: string }

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  await Promise.resolve();
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function entries(bytes: Buffer, chunk = 100): Promise<Seen[]> {
  const reader = new TarReader(chunked(bytes, chunk));
  const seen: Seen[] = [];
  for (let h = await reader.next(); h !== undefined; h = await reader.next()) {
    // Files alternate between the three ways of consuming content; others are skipped.
    let content = '';
    if (h.type === 'file' && seen.length % 3 === 0) content = (await reader.read(true)).toString();
    else if (h.type === 'file' && seen.length % 3 === 1) for await (const piece of reader.content()) content += piece.toString();
    else if (h.type === 'file') content = '(skipped)';
    seen.push({ name: h.name, type: h.type, size: h.size, linkname: h.linkname, content });
  }
  await reader.finish();
  return seen;
}

async function refusal(bytes: Buffer): Promise<string> {
  try {
    await entries(bytes);
  } catch (error) {
    if (error instanceof TarFormatError) return error.message;
    throw error;
  }
  throw new Error('the archive was accepted');
}

const work = mkdtempSync(join(tmpdir(), 'palisade-tar-'));
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

function gnuTar(format: string): Buffer {
  const root = join(work, format);
  const deep = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(60)}`;
  mkdirSync(join(root, deep), { recursive: true });
  writeFileSync(join(root, deep, `${'n'.repeat(120)}.txt`), 'long name\n');
  writeFileSync(join(root, 'small.txt'), 'x'.repeat(700));
  writeFileSync(join(root, 'empty'), '');
  symlinkSync(`/${'t'.repeat(150)}`, join(root, 'far-link'));
  linkSync(join(root, 'small.txt'), join(root, 'hard.txt'));
  return execFileSync('tar', ['-C', root, `--format=${format}`, '--sort=name', '-cf', '-', '.'], { maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'ignore'] });
}

describe('tar reader', () => {
  for (const format of ['gnu', 'pax', 'ustar']) {
    it(`reads GNU tar's ${format} format`, async () => {
      // ustar cannot hold a 150-character link target: GNU tar drops that entry with a warning.
      let bytes: Buffer;
      try {
        bytes = gnuTar(format);
      } catch (error) {
        bytes = (error as { stdout: Buffer }).stdout;
      }
      for (const chunk of [1, 100, 512, 1 << 20]) {
        const seen = await entries(bytes, chunk);
        const byName = new Map(seen.map((s) => [s.name.replace(/^\.\//, ''), s]));
        const deep = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(60)}`;
        // Over 100 characters: ustar splits it into prefix and name, the others use long names.
        expect(byName.get(`${deep}/`)?.type).toBe('directory');
        // Sorted by name, hard.txt comes first: small.txt is the link to it.
        expect(byName.get('hard.txt')).toMatchObject({ type: 'file', size: 700 });
        expect(byName.get('small.txt')).toMatchObject({ type: 'link', size: 0, linkname: './hard.txt' });
        expect(byName.get('empty')).toMatchObject({ type: 'file', size: 0 });
        // ustar holds neither a 124-character file name nor a 151-character link target.
        if (format !== 'ustar') {
          expect(byName.get(`${deep}/${'n'.repeat(120)}.txt`)).toMatchObject({ type: 'file', size: 10 });
          expect(byName.get('far-link')).toMatchObject({ type: 'symlink', linkname: `/${'t'.repeat(150)}` });
        }
        // Whatever the way of reading, contents are whole.
        for (const s of seen) if (s.content !== '' && s.content !== '(skipped)') expect(s.content.length).toBe(s.size);
      }
    });
  }

  it('agrees with tar-stream on its own archives, pax headers included', async () => {
    const pack = tar.pack();
    const parts: Buffer[] = [];
    const done = new Promise<void>((resolve) => { pack.on('data', (c) => { parts.push(c as Buffer); }); pack.on('end', () => { resolve(); }); });
    const files = [{ name: 'a/b.txt', body: 'hello' }, { name: `${'p'.repeat(200)}/x`, body: 'pax path' }, { name: 'é/ünïcode', body: 'utf-8 names' }];
    for (const f of files) await new Promise<void>((resolve, reject) => { pack.entry({ name: f.name }, f.body, (e) => { if (e) reject(e); else resolve(); }); });
    pack.entry({ name: 'dir', type: 'directory' });
    pack.entry({ name: 'sym', type: 'symlink', linkname: 'a/b.txt' });
    pack.finalize();
    await done;
    const seen = await entries(Buffer.concat(parts), 7);
    expect(seen.map((s) => [s.name, s.type])).toEqual([['a/b.txt', 'file'], [`${'p'.repeat(200)}/x`, 'file'], ['é/ünïcode', 'file'], ['dir', 'directory'], ['sym', 'symlink']]);
    expect(seen[0]?.content).toBe('hello');
    expect(seen[1]?.content).toBe('pax path');
  });

  it('gives directories, links and devices no content, whatever their size field says', async () => {
    // A symlink header claiming 512 bytes, followed directly by a real file: Go (and so every
    // runtime) reads the file as the next entry, and so must the scanner.
    const link = header({ name: 'l', typeflag: '2', size: 512, linkname: 'x' });
    const file = header({ name: 'f', typeflag: '0', size: 3 });
    const bytes = Buffer.concat([link, file, pad(Buffer.from('abc')), Buffer.alloc(1024)]);
    expect((await entries(bytes)).map((s) => [s.name, s.type, s.size])).toEqual([['l', 'symlink', 0], ['f', 'file', 3]]);
  });

  it('ends at the end marker, at a block boundary, and refuses what Go refuses', async () => {
    const file = Buffer.concat([header({ name: 'f', typeflag: '0', size: 3 }), pad(Buffer.from('abc'))]);
    // Data after the end marker is not an entry (runtimes never unpack it).
    expect(await entries(Buffer.concat([file, Buffer.alloc(1024), file]))).toHaveLength(1);
    expect(await entries(file)).toHaveLength(1);
    expect(await entries(Buffer.concat([file, Buffer.alloc(512)]))).toHaveLength(1);
    expect(await refusal(Buffer.concat([file, Buffer.alloc(512), file]))).toMatch(/zero block/);
    // Go reads a padding cut short as the end of the archive (tryReadFull), not as an error.
    expect(await entries(file.subarray(0, 600))).toHaveLength(1);
    expect(await refusal(file.subarray(0, 514))).toMatch(/truncated/);
    expect(await refusal(file.subarray(0, 300))).toMatch(/truncated/);
    const corrupt = Buffer.from(file);
    corrupt[0] = 0x41;
    expect(await refusal(corrupt)).toMatch(/checksum/);
    expect(await refusal(Buffer.from('this is not a tar archive at all'.repeat(20)))).toMatch(/checksum|truncated/);
    expect(await refusal(header({ name: 'x', typeflag: 'x', size: 2 * 1024 * 1024 }))).toMatch(/over/);
    const garbled = header({ name: 'f', typeflag: '0', size: 3 });
    garbled.write('12z', 124, 'latin1');
    checksum(garbled);
    expect(await refusal(garbled)).toMatch(/invalid size field "12z/);
  });

  it('reads base-256 sizes and the pre-POSIX directory flag', async () => {
    const big = header({ name: 'f', typeflag: '0', size: 0 });
    // 3 in base-256: the size field's first byte has the high bit set.
    big.fill(0, 124, 136);
    big[124] = 0x80;
    big[135] = 3;
    checksum(big);
    const old = header({ name: 'old/', typeflag: '\0', size: 0 });
    const seen = await entries(Buffer.concat([big, pad(Buffer.from('xyz')), old, Buffer.alloc(1024)]));
    expect(seen.map((s) => [s.name, s.type, s.size])).toEqual([['f', 'file', 3], ['old/', 'directory', 0]]);
  });
});

function header(h: { name: string; typeflag: string; size: number; linkname?: string }): Buffer {
  const block = Buffer.alloc(512);
  block.write(h.name, 0, 'utf8');
  block.write('0000644\0', 100, 'latin1');
  block.write(`${h.size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  block.write(h.typeflag, 156, 'latin1');
  block.write(h.linkname ?? '', 157, 'utf8');
  block.write('ustar\0' + '00', 257, 'latin1');
  checksum(block);
  return block;
}

function checksum(block: Buffer): void {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
}

function pad(content: Buffer): Buffer {
  return Buffer.concat([content, Buffer.alloc((512 - (content.length % 512)) % 512)]);
}

describe('tar reader content iterators', () => {
  it('yield nothing once the reader has moved to the next entry', async () => {
    const body = Buffer.alloc(3000, 0x61);
    const bytes = Buffer.concat([header({ name: 'a', typeflag: '0', size: body.length }), pad(body), header({ name: 'b', typeflag: '0', size: 3 }), pad(Buffer.from('bbb')), Buffer.alloc(1024)]);
    const reader = new TarReader(chunked(bytes, 1000));
    expect((await reader.next())?.name).toBe('a');
    const stale = reader.content();
    const first = await stale.next();
    expect(first.done !== true && first.value.length > 0).toBe(true);
    expect((await reader.next())?.name).toBe('b');
    expect((await stale.next()).done).toBe(true);
    expect((await reader.read(true)).toString()).toBe('bbb');
    expect(await reader.next()).toBeUndefined();
  });
});

describe('tar header checksums', () => {
  it('accept the signed sum of old tars as Go does', async () => {
    const block = header({ name: 'caf\u00e9', typeflag: '0', size: 0 });
    // Recompute the checksum over signed bytes: the name's UTF-8 bytes are over 127.
    block.fill(0x20, 148, 156);
    let signed = 0;
    for (const byte of block) signed += byte > 127 ? byte - 256 : byte;
    block.write(`${signed.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    expect((await entries(Buffer.concat([block, Buffer.alloc(1024)]))).map((s) => s.name)).toEqual(['caf\u00e9']);
  });
});
