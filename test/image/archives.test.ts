/**
 * Image archives holding several images, as `podman save -m` writes them, named the ways users
 * name them; gzip- and zstd-compressed archives; and an OCI archive whose members carry their size in pax records (how Go's
 * archive/tar writes members over 8 GiB), which must still be indexed member by member.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/loaders/image/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';
import { type Podman, startPodman } from './support/podman.js';

let podman: Podman;
let archive = '';

function build(tag: string, file: string): void {
  const context = mkdtempSync(join(podman.dir, 'ctx-'));
  writeFileSync(join(context, file), `${tag}\n`);
  writeFileSync(join(context, 'Containerfile'), `FROM scratch\nCOPY ${file} /${file}\n`);
  podman.build(context, tag);
}

beforeAll(() => {
  podman = startPodman();
  build('localhost/app:1', 'app.txt');
  build('localhost/tool:1', 'tool.txt');
  archive = join(podman.dir, 'out', 'both.tar');
  podman.run(['save', '--quiet', '-m', '--format', 'docker-archive', '-o', archive, 'localhost/app:1', 'localhost/tool:1']);
}, 300_000);

afterAll(() => {
  podman.cleanup();
});

const files = async (target: string): Promise<string[]> => {
  const read = await readImage(target, { wants: (p) => p.endsWith('.txt') });
  return ['/app.txt', '/tool.txt'].filter((p) => read.fs.resolve(p) !== undefined);
};

describe('a docker-archive of several images', () => {
  it('reads the one named by full reference (a tag with colons), short name, normalised name or @N', async () => {
    expect(await files(`docker-archive:${archive}:localhost/tool:1`)).toEqual(['/tool.txt']);
    expect(await files(`docker-archive:${archive}:app:1`)).toEqual(['/app.txt']);
    expect(await files(`docker-archive:${archive}:@1`)).toEqual(['/tool.txt']);
    await expect(files(`docker-archive:${archive}:tool`)).rejects.toMatchObject({ problem: { code: 'image-not-found' } });
  }, 60_000);

  it('refuses a name that fits several images instead of taking the first', async () => {
    await expect(files(`docker-archive:${archive}:1`)).rejects.toMatchObject({ problem: { code: 'image-ambiguous' } });
    await expect(files(`docker-archive:${archive}`)).rejects.toMatchObject({ problem: { code: 'image-ambiguous' } });
  });
});

describe('a compressed archive (docker save | gzip, or zstd)', () => {
  const spools = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith('palisade-archive-'));

  it('is inflated into a private spool, read like the plain one, and the spool removed', async () => {
    const before = spools().length;
    const gz = join(podman.dir, 'out', 'both.tar.gz');
    writeFileSync(gz, gzipSync(readFileSync(archive)));
    expect(await files(`docker-archive:${gz}:localhost/app:1`)).toEqual(['/app.txt']);
    // An existing path is detected, whatever its kind.
    await expect(files(gz)).rejects.toMatchObject({ problem: { code: 'image-ambiguous', message: expect.stringContaining(gz) as unknown } });
    const single = join(podman.dir, 'out', 'tool.oci.tar.gz');
    podman.run(['save', '--quiet', '--format', 'oci-archive', '-o', join(podman.dir, 'out', 'tool.tar'), 'localhost/tool:1']);
    writeFileSync(single, gzipSync(readFileSync(join(podman.dir, 'out', 'tool.tar'))));
    expect(await files(single)).toEqual(['/tool.txt']);
    expect(await files(`oci-archive:${single}`)).toEqual(['/tool.txt']);
    const zst = join(podman.dir, 'out', 'tool.tar.zst');
    writeFileSync(zst, execFileSync('zstd', ['-q', '-c', join(podman.dir, 'out', 'tool.tar')]));
    expect(await files(zst)).toEqual(['/tool.txt']);
    expect(spools().length).toBe(before);
  }, 60_000);

  it('refuses a truncated one and a decompression bomb with coded errors, leaving no spool', async () => {
    const before = spools().length;
    const truncated = join(podman.dir, 'out', 'cut.tar.gz');
    const whole = gzipSync(readFileSync(archive));
    writeFileSync(truncated, whole.subarray(0, whole.length >> 1));
    await expect(files(`docker-archive:${truncated}`)).rejects.toMatchObject({ problem: { code: 'image-invalid' } });
    const bomb = join(podman.dir, 'out', 'bomb.tar.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(64 * 1024 * 1024)));
    await expect(files(`docker-archive:${bomb}`)).rejects.toMatchObject({ problem: { code: 'layer-limit' } });
    expect(spools().length).toBe(before);
  }, 60_000);
});

/** A ustar header; the size field is written as given (0 when a pax record carries the size). */
function header(name: string, size: number, type: string): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('00000000000\0', 136);
  block.write(type, 156);
  block.write('ustar\0' + '00', 257, 'latin1');
  block.write('        ', 148);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

const pad = (data: Buffer): Buffer => Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);

/** Every member preceded by a pax header with its size, and 0 in its own size field. */
function paxSizedTar(members: readonly { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  for (const { name, data } of members) {
    const body = `size=${data.length}\n`;
    // A pax record's length counts its own digits.
    let length = body.length + 2;
    while (`${length} ${body}`.length !== length) length += 1;
    const record = `${length} ${body}`;
    parts.push(header('PaxHeaders/x', record.length, 'x'), pad(Buffer.from(record)), header(name, 0, '0'), pad(data));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

describe('an OCI archive with pax size records', () => {
  it('uses the pax size to find each member and the next header', async () => {
    const dir = mkdtempSync(join(podman.dir, 'pax-'));
    const writer = new OciWriter(join(dir, 'layout'));
    const manifest = writer.image([await tarOf({ 'etc/os-release': 'ID=alpine\n', 'app.txt': 'pax\n' })]);
    writer.index([{ ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'pax' } }]);
    const root = join(dir, 'layout');
    const blobs = readdirSync(join(root, 'blobs/sha256')).map((hex) => ({ name: `blobs/sha256/${hex}`, data: readFileSync(join(root, 'blobs/sha256', hex)) }));
    const members = [{ name: 'oci-layout', data: readFileSync(join(root, 'oci-layout')) }, { name: 'index.json', data: readFileSync(join(root, 'index.json')) }, ...blobs];
    const file = join(dir, 'pax.tar');
    writeFileSync(file, paxSizedTar(members));
    expect(await files(`oci-archive:${file}`)).toEqual(['/app.txt']);
  });
});
