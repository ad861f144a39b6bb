/**
 * The tar reader against Go's archive/tar, the reader containerd, Docker and podman unpack
 * layers with: crafted archives (every header type, the metadata Go ignores or refuses, GNU
 * sparse files, the format variants) and Go's own test archives (in GOROOT, when present) are
 * read by a small Go program compiled here and by our reader, and the entry lists must agree:
 * name, type, size, link target, content digest, and whether reading fails. Skipped, with a
 * notice, when no Go toolchain is installed.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newBudget, readLayer, type LayerEntry } from './layer-reader.js';
import { resolveLimits } from './limits.js';
import { TarFormatError, TarReader } from './tar-reader.js';

const GO_PROGRAM = `package main

import (
	"archive/tar"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
)

type entry struct {
	Name     string \`json:"name"\`
	Typeflag int    \`json:"typeflag"\`
	Size     int64  \`json:"size"\`
	Linkname string \`json:"linkname"\`
	Sha256   string \`json:"sha256"\`
}

type listing struct {
	Entries []entry \`json:"entries"\`
	Error   string  \`json:"error"\`
}

const maxHashed = ${String(16 << 20)}

func main() {
	out := map[string]listing{}
	for _, path := range os.Args[1:] {
		out[path] = list(path)
	}
	json.NewEncoder(os.Stdout).Encode(out)
}

func list(path string) listing {
	f, err := os.Open(path)
	if err != nil {
		return listing{Error: err.Error()}
	}
	defer f.Close()
	// Hidden behind a plain Reader: runtimes read a decompressor's stream, which cannot seek.
	tr := tar.NewReader(struct{ io.Reader }{f})
	res := listing{Entries: []entry{}}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return res
		}
		if err != nil {
			res.Error = err.Error()
			return res
		}
		e := entry{Name: h.Name, Typeflag: int(h.Typeflag), Size: h.Size, Linkname: h.Linkname}
		headerOnly := h.Typeflag >= '1' && h.Typeflag <= '6'
		if headerOnly || h.Size <= maxHashed {
			sum := sha256.New()
			if _, err := io.Copy(sum, tr); err != nil {
				e.Sha256 = "read error"
				res.Entries = append(res.Entries, e)
				res.Error = err.Error()
				return res
			}
			e.Sha256 = hex.EncodeToString(sum.Sum(nil))
		}
		res.Entries = append(res.Entries, e)
	}
}
`;

const MAX_HASHED = 16 << 20;

interface Entry { name: string; type: string; size: number; linkname: string; sha256: string }
interface Listing { entries: Entry[]; failed: boolean }

const work = mkdtempSync(join(tmpdir(), 'palisade-tar-go-'));
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

function goToolchain(): string | undefined {
  for (const go of ['/usr/bin/go', '/usr/local/go/bin/go']) if (existsSync(go)) return go;
  return undefined;
}

/** Compiles the Go lister; its caches live in the temporary directory. */
function buildLister(go: string): { run: (files: string[]) => Record<string, { entries: GoEntry[] | null; error: string }>; goroot: string } {
  const source = join(work, 'lister');
  mkdirSync(source, { recursive: true });
  writeFileSync(join(source, 'go.mod'), 'module lister\n\ngo 1.18\n');
  writeFileSync(join(source, 'main.go'), GO_PROGRAM);
  const env = { ...process.env, HOME: work, GOCACHE: join(work, 'gocache'), GOPATH: join(work, 'gopath'), GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
  const binary = join(work, 'lister-bin');
  execFileSync(go, ['build', '-o', binary, '.'], { cwd: source, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const goroot = execFileSync(go, ['env', 'GOROOT'], { env, encoding: 'utf8' }).trim();
  return {
    goroot,
    run: (files) => JSON.parse(execFileSync(binary, files, { encoding: 'utf8', maxBuffer: 1 << 26 })) as Record<string, { entries: GoEntry[] | null; error: string }>,
  };
}

interface GoEntry { name: string; typeflag: number; size: number; linkname: string; sha256: string }

/** Go's header as our reader states it: the type named, header-only types with no content size. */
function fromGo(listing: { entries: GoEntry[] | null; error: string }): Listing {
  const entries = (listing.entries ?? []).map((e): Entry => {
    const flag = String.fromCharCode(e.typeflag);
    const headerOnly = flag >= '1' && flag <= '6';
    const type = flag === '0' || flag === '7' || flag === 'S' ? 'file' : flag === '1' ? 'link' : flag === '2' ? 'symlink' : flag === '5' ? 'directory' : flag === 'g' ? 'global' : 'other';
    return { name: unify(e.name), type, size: headerOnly ? 0 : e.size, linkname: unify(e.linkname), sha256: e.sha256 };
  });
  return { entries, failed: listing.error !== '' };
}

/** Undecodable bytes become U+FFFD on both sides, but not always as many of them. */
function unify(text: string): string {
  return text.replace(/\uFFFD+/g, '\uFFFD');
}

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  await Promise.resolve();
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function ours(bytes: Buffer, chunk: number): Promise<Listing> {
  const reader = new TarReader(chunked(bytes, chunk));
  const entries: Entry[] = [];
  try {
    for (let h = await reader.next(); h !== undefined; h = await reader.next()) {
      const entry: Entry = { name: unify(h.name), type: h.type, size: h.size, linkname: unify(h.linkname), sha256: '' };
      if (h.size <= MAX_HASHED) {
        try {
          entry.sha256 = await digest(reader, entries.length % 2 === 0);
        } catch (error) {
          if (!(error instanceof TarFormatError)) throw error;
          entries.push({ ...entry, sha256: 'read error' });
          return { entries, failed: true };
        }
      }
      entries.push(entry);
    }
  } catch (error) {
    if (error instanceof TarFormatError) return { entries, failed: true };
    throw error;
  }
  return { entries, failed: false };
}

/** Alternates the two ways of reading content. */
async function digest(reader: TarReader, whole: boolean): Promise<string> {
  const hash = createHash('sha256');
  if (whole) hash.update(await reader.read(true));
  else for await (const piece of reader.content()) hash.update(piece);
  return hash.digest('hex');
}

// ---- Archive builders: every field written explicitly, so each case says what it varies. ----

interface Spec {
  name?: string;
  type?: string;
  size?: number;
  link?: string;
  format?: 'ustar' | 'gnu' | 'v7' | 'star';
  prefix?: string;
  /** Raw bytes written last (before the checksum), by offset. */
  raw?: Record<number, string>;
}

function header(spec: Spec): Buffer {
  const block = Buffer.alloc(512);
  block.write(spec.name ?? '', 0, 'latin1');
  block.write('0000644\0', 100, 'latin1');
  block.write('0000000\0', 108, 'latin1');
  block.write('0000000\0', 116, 'latin1');
  block.write(`${(spec.size ?? 0).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  block.write('14724561234\0', 136, 'latin1');
  block.write(spec.type ?? '0', 156, 'latin1');
  block.write(spec.link ?? '', 157, 'latin1');
  const format = spec.format ?? 'ustar';
  if (format === 'gnu') block.write('ustar  \0', 257, 'latin1');
  else if (format !== 'v7') block.write('ustar\x0000', 257, 'latin1');
  if (format !== 'v7') {
    block.write('0000000\0', 329, 'latin1');
    block.write('0000000\0', 337, 'latin1');
  }
  if (format === 'star') block.write('tar\0', 508, 'latin1');
  block.write(spec.prefix ?? '', 345, 'latin1');
  for (const [at, text] of Object.entries(spec.raw ?? {})) block.write(text, Number(at), 'latin1');
  return withChecksum(block);
}

function withChecksum(block: Buffer): Buffer {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

function pad(content: Buffer): Buffer {
  return Buffer.concat([content, Buffer.alloc((512 - (content.length % 512)) % 512)]);
}

function entry(spec: Spec, content: string | Buffer = ''): Buffer {
  const body = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
  return Buffer.concat([header({ size: body.length, ...spec }), pad(body)]);
}

function records(pairs: [string, string][]): Buffer {
  return Buffer.from(pairs.map(([key, value]) => {
    const body = ` ${key}=${value}\n`;
    let length = Buffer.byteLength(body) + 1;
    while (String(length).length + Buffer.byteLength(body) !== length) length += 1;
    return `${length}${body}`;
  }).join(''));
}

const pax = (pairs: [string, string][], type = 'x'): Buffer => entry({ name: 'PaxHeaders/x', type }, records(pairs));
const END = Buffer.alloc(1024);

/** An old GNU sparse header: fragments in the header (up to 4), the rest in extension blocks of 21. */
function oldSparse(name: string, realSize: number, fragments: [number, number][], data: string, format: Spec['format'] = 'gnu'): Buffer {
  const octal = (n: number): string => `${n.toString(8).padStart(11, '0')}\0`;
  const raw: Record<number, string> = { 483: octal(realSize) };
  fragments.slice(0, 4).forEach(([offset, length], i) => { raw[386 + i * 24] = octal(offset); raw[386 + i * 24 + 12] = octal(length); });
  const rest = fragments.slice(4);
  const blocks: Buffer[] = [];
  for (let i = 0; i < rest.length; i += 21) {
    const block = Buffer.alloc(512);
    rest.slice(i, i + 21).forEach(([offset, length], j) => { block.write(octal(offset), j * 24, 'latin1'); block.write(octal(length), j * 24 + 12, 'latin1'); });
    if (i + 21 < rest.length) block[504] = 1;
    blocks.push(block);
  }
  if (blocks.length > 0) raw[482] = '\x01';
  return Buffer.concat([header({ name, type: 'S', size: data.length, format, raw }), ...blocks, pad(Buffer.from(data, 'latin1'))]);
}

/** The pax 1.0 sparse map: decimal lines, padded to whole blocks, before the data. */
function map1x0(fragments: [number, number][], padWith = '\0'): string {
  const text = [String(fragments.length), ...fragments.flat().map(String)].join('\n') + '\n';
  return text + padWith.repeat((512 - (text.length % 512)) % 512);
}

const file = (name: string, content = 'data'): Buffer => entry({ name }, content);

const CASES: Record<string, Buffer[]> = {
  'pax-empty-path-keeps-ustar-name': [pax([['path', '']]), file('etc/passwd', 'root:x')],
  'pax-empty-linkpath': [pax([['linkpath', '']]), entry({ name: 'l', type: '2', link: 'target' })],
  'pax-empty-size': [pax([['size', '']]), file('a', 'abc')],
  'pax-size-plus-sign': [pax([['size', '+3']]), file('a', 'abc')],
  'pax-size-negative': [pax([['size', '-1']]), file('a', 'abc')],
  'pax-size-negative-symlink': [pax([['size', '-1']]), entry({ name: 'l', type: '2', link: 't' }), file('after')],
  'pax-size-overrides': [pax([['size', '5']]), entry({ name: 'a', size: 3 }, 'abcde'), file('after')],
  'pax-path-and-long-name': [entry({ name: '././@LongLink', type: 'L' }, 'from/long\0'), pax([['path', 'from/pax']]), file('raw')],
  'pax-second-replaces-first': [pax([['path', 'first']]), pax([['mtime', '1']]), file('raw')],
  'pax-record-plus-length': [entry({ name: 'PaxHeaders/x', type: 'x' }, '+14 path=abcd\n'), file('raw')],
  'pax-record-leading-zeros': [entry({ name: 'PaxHeaders/x', type: 'x' }, `${'0'.repeat(30)}44 path=zeros\n`.replace(/^0+44/, (m) => m.slice(0, m.length - 2) + String(m.length + 12))), file('raw')],
  'pax-record-bad-length': [entry({ name: 'PaxHeaders/x', type: 'x' }, '99 path=abcd\n'), file('raw')],
  'pax-empty-key': [entry({ name: 'PaxHeaders/x', type: 'x' }, '7 =abc\n'), file('raw')],
  'pax-path-with-nul': [entry({ name: 'PaxHeaders/x', type: 'x' }, '12 path=a\0b\n'), file('raw')],
  'pax-comment-with-nul': [entry({ name: 'PaxHeaders/x', type: 'x' }, '15 comment=a\0b\n'), file('raw')],
  'pax-bad-uid': [pax([['uid', 'zero']]), file('raw')],
  'pax-big-gid': [pax([['gid', '9223372036854775808']]), file('raw')],
  'pax-bad-mtime': [pax([['mtime', '1.5x']]), file('raw')],
  'pax-good-times': [pax([['mtime', '-1.5'], ['atime', '12.'], ['ctime', '+7']]), file('raw')],
  'pax-trailing-slash-regular': [pax([['path', 'made/dir/']]), entry({ name: 'plain', type: '\0' })],
  'pax-records-utf8': [pax([['path', 'caf\u00e9/\u00fcber'], ['linkpath', '\u00e9']]), entry({ name: 'x', type: '2', link: 'y' })],
  'global-drops-pending-pax': [pax([['path', 'etc/shadow-evil']]), pax([['comment', 'c']], 'g'), file('innocent')],
  'global-drops-pending-long-name': [entry({ name: '././@LongLink', type: 'L' }, 'usr/bin/evil\0'), pax([['comment', 'c']], 'g'), file('innocent')],
  'global-named-by-its-path': [pax([['path', 'lib/apk/db/installed']], 'g'), file('after')],
  'global-malformed': [entry({ name: 'g', type: 'g' }, '5 x\n'), file('after')],
  'long-name-empty': [entry({ name: '././@LongLink', type: 'L' }, '\0'), entry({ name: 'etc/passwd', format: 'gnu' }, 'root:x')],
  'long-name-replaced-by-empty': [entry({ name: '././@LongLink', type: 'L' }, 'evil\0'), entry({ name: '././@LongLink', type: 'L' }, '\0'), file('kept')],
  'long-name-and-link': [entry({ name: '././@LongLink', type: 'L', format: 'gnu' }, 'a/long/name'), entry({ name: '././@LongLink', type: 'K', format: 'gnu' }, 'a/long/target\0junk'), entry({ name: 'short', type: '2', link: 'short-target', format: 'gnu' })],
  'long-link-empty': [entry({ name: '././@LongLink', type: 'K' }, '\0'), entry({ name: 'l', type: '1', link: 'raw-target' })],
  'octal-nul-inside': [entry({ name: 'a', raw: { 124: '0000000003\0' + '7' } }, 'abc')],
  'octal-space-inside': [entry({ name: 'a', raw: { 124: '00000 00003\0' } }, 'abc')],
  'octal-padded-spaces': [entry({ name: 'a', raw: { 124: '         3 \0' } }, 'abc')],
  'uid-garbage': [entry({ name: 'a', raw: { 108: 'abcdefg\0' } }, 'abc')],
  'mtime-garbage': [entry({ name: 'a', raw: { 136: '12345x7\0' } }, 'abc')],
  'devmajor-garbage': [entry({ name: 'a', raw: { 329: '9\0' } }, 'abc')],
  'devmajor-garbage-v7': [entry({ name: 'a', format: 'v7', raw: { 329: '9\0' } }, 'abc')],
  'mode-base-256-negative': [entry({ name: 'a', raw: { 100: '\xff\xff\xff\xff\xff\xff\xff\xfe' } }, 'abc')],
  'size-base-256': [entry({ name: 'a', raw: { 124: '\x80\0\0\0\0\0\0\0\0\0\0\x03' } }, 'abc')],
  'size-base-256-negative-file': [entry({ name: 'a', raw: { 124: '\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff' } }, 'abc')],
  'size-base-256-negative-symlink': [entry({ name: 'l', type: '2', link: 't', raw: { 124: '\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff' } }), file('after')],
  'size-base-256-overflow': [entry({ name: 'a', raw: { 124: '\x80\x01\0\0\0\0\0\0\0\0\0\0' } }, 'abc')],
  'checksum-base-256': [(() => { const b = header({ name: 'a', size: 0 }); let sum = 0; b.fill(0x20, 148, 156); for (const x of b) sum += x; b.fill(0, 148, 156); b[148] = 0x80; b[154] = sum >> 8; b[155] = sum & 0xff; return b; })()],
  'star-prefix-131': [entry({ name: 'name', format: 'star', prefix: 'p'.repeat(131), raw: { 476: '00000000001\0', 488: '00000000002\0' } }, 'star')],
  'star-bad-atime': [entry({ name: 'name', format: 'star', prefix: 'pre', raw: { 476: 'zz\0' } }, 'star')],
  'ustar-prefix-155': [entry({ name: 'name', prefix: 'q'.repeat(155) }, 'ustar')],
  'gnu-times-no-prefix': [entry({ name: 'name', format: 'gnu', raw: { 345: '00000000001\0', 357: '00000000002\0' } }, 'gnu')],
  'gnu-old-go-prefix': [entry({ name: 'name', format: 'gnu', prefix: 'old/go/prefix' }, 'gnu')],
  'gnu-old-go-prefix-not-ascii': [entry({ name: 'name', format: 'gnu', prefix: 'caf\xe9' }, 'gnu')],
  'v7-no-prefix': [entry({ name: 'name', format: 'v7', prefix: 'ignored' }, 'v7')],
  'gnu-version-mismatch-is-v7': [entry({ name: 'name', format: 'gnu', prefix: 'x/y', raw: { 263: 'xx' } }, 'v7')],
  'regular-flag-nul-dir': [entry({ name: 'old/', type: '\0', size: 5 }), file('after')],
  'unknown-type-content': [entry({ name: 'vol', type: 'V' }, 'volume label'), entry({ name: 'dump', type: 'D' }, 'dump'), file('after')],
  'header-only-size-ignored': [entry({ name: 'l', type: '2', link: 'x', size: 512 }), file('f', 'abc')],
  'truncated-padding-ends': [Buffer.concat([header({ name: 'f', size: 3 }), Buffer.from('abc'), Buffer.alloc(20)])],
  'truncated-content': [Buffer.concat([header({ name: 'f', size: 600 }), Buffer.alloc(300)])],
  'truncated-header': [Buffer.concat([file('f'), Buffer.alloc(100, 0x61)])],
  'truncated-pax-padding-ends': [Buffer.concat([header({ name: 'x', type: 'x', size: 11 }), Buffer.from('11 path=ab\n\0')])],
  'zero-block-then-data': [file('a'), Buffer.alloc(512), file('b')],
  'one-zero-block-ends': [file('a'), Buffer.alloc(512)],
  'sparse-1.0-renames': [pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.name', 'etc/evil'], ['GNU.sparse.realsize', '3']]), entry({ name: 'tmp/x' }, map1x0([[0, 3]], ' ') + 'abc')],
  'sparse-1.0-holes': [pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.name', 'holes'], ['GNU.sparse.realsize', '20000']]), entry({ name: 'GNUSparseFile.0/holes' }, map1x0([[5, 3], [9000, 4], [19999, 1]]) + 'abcdefgh'), file('after')],
  'sparse-1.0-unreferenced-data': [pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.realsize', '10']]), entry({ name: 's' }, map1x0([[0, 3]]) + 'abcdef'), file('after')],
  'sparse-1.0-missing-data': [pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.realsize', '10']]), entry({ name: 's' }, map1x0([[0, 8]]) + 'ab'), file('after')],
  'sparse-1.0-map-past-data': [pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.realsize', '10']]), entry({ name: 's' }, '1\n0\n'), file('after')],
  'sparse-1.0-overlapping': [pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.realsize', '10']]), entry({ name: 's' }, map1x0([[0, 4], [2, 2]]) + 'abcdef'), file('after')],
  'sparse-1.0-beyond-size': [pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.realsize', '3']]), entry({ name: 's' }, map1x0([[2, 4]]) + 'abcd'), file('after')],
  'sparse-1.0-on-symlink': [pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.realsize', '3']]), entry({ name: 's', type: '2', link: 't' }), file('after')],
  'sparse-0.1-on-symlink': [pax([['GNU.sparse.major', '0'], ['GNU.sparse.minor', '1'], ['GNU.sparse.numblocks', '1'], ['GNU.sparse.map', '0,1']]), entry({ name: 's', type: '2', link: 't' }), file('after')],
  'sparse-1.0-bad-realsize': [pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.realsize', '3k']]), entry({ name: 's' }, map1x0([[0, 3]]) + 'abc')],
  'sparse-0.1': [pax([['GNU.sparse.major', '0'], ['GNU.sparse.minor', '1'], ['GNU.sparse.name', 'zero-one'], ['GNU.sparse.size', '12'], ['GNU.sparse.numblocks', '2'], ['GNU.sparse.map', '1,2,10,2']]), entry({ name: 's' }, 'abcd'), file('after')],
  'sparse-0.0-records': [pax([['GNU.sparse.size', '9'], ['GNU.sparse.numblocks', '2'], ['GNU.sparse.offset', '0'], ['GNU.sparse.numbytes', '1'], ['GNU.sparse.offset', '8'], ['GNU.sparse.numbytes', '1']]), entry({ name: 'zero-zero' }, 'ab'), file('after')],
  'sparse-0.0-out-of-order': [pax([['GNU.sparse.numblocks', '1'], ['GNU.sparse.numbytes', '1'], ['GNU.sparse.offset', '0']]), entry({ name: 's' }, 'a')],
  'sparse-0.1-count-mismatch': [pax([['GNU.sparse.major', '0'], ['GNU.sparse.minor', '1'], ['GNU.sparse.numblocks', '2'], ['GNU.sparse.map', '0,1']]), entry({ name: 's' }, 'a')],
  'sparse-0.1-no-count': [pax([['GNU.sparse.major', '0'], ['GNU.sparse.minor', '1'], ['GNU.sparse.map', '0,1']]), entry({ name: 's' }, 'a')],
  'sparse-unknown-version-plain': [pax([['GNU.sparse.major', '2'], ['GNU.sparse.minor', '0'], ['GNU.sparse.name', 'renamed'], ['GNU.sparse.realsize', '99']]), file('plain', 'as is')],
  'sparse-name-alone-plain': [pax([['GNU.sparse.name', 'renamed']]), file('plain', 'as is')],
  'old-gnu-sparse': [oldSparse('old/sparse', 30, [[2, 3], [20, 2]], 'abcde'), file('after')],
  'old-gnu-sparse-extended': [oldSparse('old/extended', 200, Array.from({ length: 30 }, (_, i): [number, number] => [i * 6, 2]), 'x'.repeat(60)), file('after')],
  'old-gnu-sparse-in-ustar': [oldSparse('old/ustar', 30, [[2, 3]], 'abc', 'ustar'), file('after')],
  'old-gnu-sparse-truncated-extension': [Buffer.concat([header({ name: 's', type: 'S', format: 'gnu', raw: { 482: '\x01', 483: '00000000003\0' } })])],
};

describe('tar reader agrees with Go archive/tar', () => {
  const go = goToolchain();
  let lister: ReturnType<typeof buildLister> | undefined;
  beforeAll(() => {
    if (go === undefined) return;
    lister = buildLister(go);
  }, 120_000);
  if (go === undefined) console.warn('tar-go-conformance: no Go toolchain (/usr/bin/go); the comparison with archive/tar is skipped');

  it.skipIf(go === undefined)('on crafted archives of every header type, metadata quirk and sparse encoding', async () => {
    const dir = join(work, 'crafted');
    mkdirSync(dir, { recursive: true });
    const files = Object.entries(CASES).map(([name, parts]) => {
      const path = join(dir, `${name}.tar`);
      writeFileSync(path, Buffer.concat([...parts, name.startsWith('truncated') || name === 'one-zero-block-ends' || name.startsWith('old-gnu-sparse-truncated') ? Buffer.alloc(0) : END]));
      return path;
    });
    await expectAgreement(files);
  });

  it.skipIf(go === undefined)("on Go's own test archives", async () => {
    const testdata = join(lister?.goroot ?? '', 'src', 'archive', 'tar', 'testdata');
    if (!existsSync(testdata)) {
      console.warn(`tar-go-conformance: ${testdata} is absent; Go's test archives are skipped`);
      return;
    }
    const files = readdirSync(testdata).filter((f) => f.endsWith('.tar')).map((f) => join(testdata, f));
    expect(files.length).toBeGreaterThan(20);
    await expectAgreement(files);
  });

  async function expectAgreement(files: string[]): Promise<void> {
    if (lister === undefined) throw new Error('the Go lister was not built');
    const fromGoByFile = lister.run(files);
    for (const path of files) {
      const expected = fromGo(fromGoByFile[path] ?? { entries: [], error: 'not listed' });
      const bytes = readFileSync(path);
      for (const chunk of [1 << 20, 512, 7]) {
        expect({ path, chunk, ...(await ours(bytes, chunk)) }).toEqual({ path, chunk, ...expected });
      }
    }
  }
});

describe('layer reading of the archives the review crafted', () => {
  async function layerEntries(parts: Buffer[]): Promise<LayerEntry[]> {
    const seen: LayerEntry[] = [];
    const wanted = new Set(['/lib/apk/db/installed', '/etc/secret']);
    await readLayer(chunked(Buffer.concat([...parts, END]), 300), { label: 'layer', limits: resolveLimits(), budget: newBudget(), wants: (path) => wanted.has(path), onEntry: (e) => { seen.push(e); } });
    return seen;
  }
  const contentOf = (entries: LayerEntry[], path: string): string | undefined => {
    const found = entries.find((e) => e.path === path);
    return found?.kind === 'file' ? found.content?.toString('latin1') : undefined;
  };

  it('an empty pax path cannot hide a file: the ustar name stands', async () => {
    const entries = await layerEntries([pax([['path', '']]), file('lib/apk/db/installed', 'P:musl\nV:1.2.4\n')]);
    expect(contentOf(entries, '/lib/apk/db/installed')).toBe('P:musl\nV:1.2.4\n');
  });

  it('a pax global header creates nothing (it used to replace the file at its name with a device-like node)', async () => {
    const entries = await layerEntries([file('lib/apk/db/installed', 'P:musl\n'), pax([['path', 'lib/apk/db/installed']], 'g')]);
    expect(entries.map((e) => [e.kind, e.path])).toEqual([['file', '/lib/apk/db/installed']]);
  });

  it('a sparse file is read under its GNU.sparse.name, holes as zeros', async () => {
    const entries = await layerEntries([pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.name', 'etc/secret'], ['GNU.sparse.realsize', '8']]), entry({ name: 'GNUSparseFile.0/secret' }, map1x0([[2, 3], [7, 1]]) + 'keyz')]);
    expect(contentOf(entries, '/etc/secret')).toBe('\0\0key\0\0z');
  });
});

describe('tar reader bounds what it holds', () => {
  it('refuses a pax 1.0 sparse map over 1 MiB, as Go does', async () => {
    const lines = '1\n'.repeat(600_000);
    const bytes = Buffer.concat([pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.realsize', '1']]), entry({ name: 's' }, `300000\n${lines}`), END]);
    await expect(ours(bytes, 65536)).resolves.toEqual({ entries: [], failed: true });
    const reader = new TarReader(chunked(bytes, 65536));
    await expect(reader.next()).rejects.toThrow(/sparse map over 1048576 bytes/);
  });

  it('refuses an old GNU sparse map over 1 MiB of extension blocks', async () => {
    const extension = Buffer.alloc(512);
    extension[504] = 1;
    const blocks = Array.from({ length: 2100 }, () => extension);
    const bytes = Buffer.concat([header({ name: 's', type: 'S', format: 'gnu', raw: { 482: '\x01', 483: '00000000003\0' } }), ...blocks, END]);
    await expect(new TarReader(chunked(bytes, 65536)).next()).rejects.toThrow(/old GNU sparse map over/);
  });

  it('refuses holes that expand past 100 times the input (a sparse bomb), and reads them up to that', async () => {
    const sparse = (size: number): Buffer => Buffer.concat([pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.realsize', String(size)]]), entry({ name: 'bomb' }, map1x0([[size - 1, 1]]) + 'z'), END]);
    const read = async (bytes: Buffer): Promise<number> => {
      const reader = new TarReader(chunked(bytes, 65536));
      await reader.next();
      let total = 0;
      for await (const piece of reader.content()) total += piece.length;
      return total;
    };
    expect(await read(sparse(30 * 1024 * 1024))).toBe(30 * 1024 * 1024);
    await expect(read(sparse(64 * 1024 * 1024))).rejects.toThrow(/sparse bomb/);
  });
});
