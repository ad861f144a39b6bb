/**
 * Go build info from real binaries built here by the installed Go toolchain (ELF, PE and Mach-O;
 * Go 1.18+ inline format), from a binary crafted with the pre-1.18 pointer layout (no toolchain
 * old enough is available; the layout is the one documented in Go's debug/buildinfo), and from
 * executables that are not Go or merely contain the magic string.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';
import { encodeBuildInfo, readBuildInfo, readBuildInfoStream } from '../../src/analyzers/go/buildinfo.js';
import { inventoryImage } from '../../src/sdk/image.js';
import { type GoBuild, prepareGoBuild } from './support/go-build.js';
import { OciWriter } from './support/oci-writer.js';
import { requireTool } from './support/podman.js';

const golang = ANALYZERS.find((a) => a.id === 'golang') as Analyzer;
const context = { exists: () => false };
let go: GoBuild;
const binaries: Record<string, string> = {};

beforeAll(() => {
  requireTool('go');
  go = prepareGoBuild(mkdtempSync(join(tmpdir(), 'palisade-go-')));
  for (const [os, arch] of [['linux', 'amd64'], ['windows', 'amd64'], ['darwin', 'arm64']] as const) binaries[`${os}/${arch}`] = go.build(os, arch);
}, 900_000);

function packages(content: Buffer): string[] {
  return golang.parse({ path: '/app', content }, context).map((p) => p.purl);
}

describe('golang analyzer', () => {
  it.each(['linux/amd64', 'windows/amd64', 'darwin/arm64'])('reads the main module, dependencies and replacements of a %s binary', (platform) => {
    const content = readFileSync(binaries[platform] ?? '');
    const std = go.goVersion.replace(/^go/, 'v');
    expect(packages(content)).toEqual([
      `pkg:golang/stdlib@${std}`,
      'pkg:golang/example.com/app@%28devel%29',
      'pkg:golang/example.com/lib@v1.2.3',
      // A directory replacement: development code, whatever the required version said.
      'pkg:golang/example.com/local@%28devel%29',
      // A module replacement: the replacing module is what was built.
      'pkg:golang/example.com/new@v0.4.0',
    ]);
    const condensed = golang.condense?.({ path: '/app', content });
    expect(condensed?.length).toBeLessThan(1024);
    expect(packages(condensed ?? Buffer.alloc(0))).toEqual(packages(content));
  });

  it('reads the pre-1.18 pointer layout', () => {
    const mod = 'path\texample.com/old\nmod\texample.com/old\tv0.1.0\th1:x=\ndep\tgolang.org/x/text\tv0.3.7\th1:y=\n';
    // cmd/go frames the module info with 16-byte sentinels; the text before the last ends in "\n".
    const exe = pointerFormatElf('go1.16.15', `${'0'.repeat(16)}${mod}${'1'.repeat(16)}`);
    expect(readBuildInfo(exe)?.goVersion).toBe('go1.16.15');
    expect(packages(exe)).toEqual(['pkg:golang/stdlib@v1.16.15', 'pkg:golang/example.com/old@v0.1.0', 'pkg:golang/golang.org/x/text@v0.3.7']);
  });

  it('ignores executables that are not Go, and the magic string outside the data section', () => {
    const busybox = readFileSync('/bin/busybox');
    expect(golang.condense?.({ path: '/bin/busybox', content: busybox })).toBeUndefined();
    expect(packages(busybox)).toEqual([]);
    // The go command itself links debug/buildinfo, whose magic literal sits in read-only data.
    const toolchain = readFileSync('/usr/lib/go/bin/go');
    expect(readBuildInfo(toolchain)?.goVersion).toBe(go.goVersion);
    expect(packages(Buffer.from('#!/bin/sh\necho \xff Go buildinf:\n', 'latin1'))).toEqual([]);
    // A truncated ELF is not a Go binary to report, and is never kept whole.
    expect(packages(busybox.subarray(0, 100))).toEqual([]);
    expect(golang.condense?.({ path: '/bin/x', content: busybox.subarray(0, 100) })).toBeUndefined();
    expect(golang.matches('/usr/local/bin/app', 0o755)).toBe(true);
    expect(golang.matches('/usr/local/bin/app', 0o644)).toBe(false);
  });

  it('reads a binary over the buffering limit from its stream (Go 1.18+), never holding it whole', async () => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-gobig-'));
    mkdirSync(join(root, 'opt'), { recursive: true });
    copyFileSync(binaries['linux/amd64'] ?? '', join(root, 'opt/app'));
    chmodSync(join(root, 'opt/app'), 0o755);
    const dir = mkdtempSync(join(tmpdir(), 'palisade-gobig-oci-'));
    const writer = new OciWriter(dir);
    writer.index([writer.image([execFileSync('tar', ['-C', root, '-cf', '-', 'opt'], { maxBuffer: 64 * 1024 * 1024 })])]);
    // A 256 KiB buffering limit makes the ~1.5 MB binary "too large": it is read as a stream.
    const result = await inventoryImage(`oci:${dir}`, { limits: { maxBufferedFileBytes: 256 * 1024 } });
    expect(result.inventory.problems).toEqual([]);
    expect(result.inventory.packages.map((p) => p.purl)).toEqual(packages(readFileSync(binaries['linux/amd64'] ?? '')).sort());
    // The stream reader on its own, with the file cut into small chunks.
    const whole = readFileSync(binaries['linux/amd64'] ?? '');
    const chunks = Array.from({ length: Math.ceil(whole.length / 4096) }, (_, i) => whole.subarray(i * 4096, (i + 1) * 4096));
    expect(await readBuildInfoStream(Readable.from(chunks) as AsyncIterable<Buffer>)).toEqual(readBuildInfo(whole));
  });

  it('round-trips the condensed form', () => {
    const info = { goVersion: 'go1.22.1', modInfo: 'path\tx\nmod\tx\tv1.0.0\t\n' };
    expect(readBuildInfo(encodeBuildInfo(info))).toEqual(info);
  });

  it('inventories a Go binary in a root file system, keeping only its build info', async () => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-goroot-'));
    mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
    copyFileSync(binaries['linux/amd64'] ?? '', join(root, 'usr/local/bin/app'));
    chmodSync(join(root, 'usr/local/bin/app'), 0o755);
    const result = await inventoryImage(`dir:${root}`);
    expect(result.inventory.packages.filter((p) => p.ecosystem === 'golang').map((p) => `${p.name}@${p.version} ${p.file}`)).toEqual([
      'example.com/app@(devel) /usr/local/bin/app', 'example.com/lib@v1.2.3 /usr/local/bin/app', 'example.com/local@(devel) /usr/local/bin/app',
      'example.com/new@v0.4.0 /usr/local/bin/app', `stdlib@${go.goVersion.replace(/^go/, 'v')} /usr/local/bin/app`,
    ]);
  });
});

/**
 * A minimal little-endian ELF64 executable with one read-only segment holding the string bytes and
 * one writable segment starting with the build info header: magic, pointer size 8, flags 0, then
 * the addresses of two Go string headers (data address, length) that follow it.
 */
function pointerFormatElf(version: string, mod: string): Buffer {
  const base = 0x400000n;
  const roOffset = 0x1000;
  const rwOffset = 0x2000;
  const rw = base + 0x10000n;
  const ro = base;
  const strings = Buffer.concat([Buffer.from(version), Buffer.from(mod)]);
  const file = Buffer.alloc(rwOffset + 0x100);
  // ELF header
  file.write('\x7fELF', 0, 'latin1');
  file[4] = 2; file[5] = 1; file[6] = 1;
  file.writeUInt16LE(2, 16); file.writeUInt16LE(62, 18); file.writeUInt32LE(1, 20);
  file.writeBigUInt64LE(64n, 0x20); // e_phoff
  file.writeUInt16LE(64, 0x34); file.writeUInt16LE(56, 0x36); file.writeUInt16LE(2, 0x38);
  const segment = (at: number, flags: number, offset: number, vaddr: bigint, size: number): void => {
    file.writeUInt32LE(1, at); file.writeUInt32LE(flags, at + 4);
    file.writeBigUInt64LE(BigInt(offset), at + 8); file.writeBigUInt64LE(vaddr, at + 16); file.writeBigUInt64LE(vaddr, at + 24);
    file.writeBigUInt64LE(BigInt(size), at + 32); file.writeBigUInt64LE(BigInt(size), at + 40); file.writeBigUInt64LE(0x1000n, at + 48);
  };
  segment(64, 4, roOffset, ro, strings.length);
  segment(64 + 56, 6, rwOffset, rw, 0x100);
  strings.copy(file, roOffset);
  file.write('\xff Go buildinf:', rwOffset, 'latin1');
  file[rwOffset + 14] = 8;
  file[rwOffset + 15] = 0;
  file.writeBigUInt64LE(rw + 32n, rwOffset + 16);
  file.writeBigUInt64LE(rw + 48n, rwOffset + 24);
  file.writeBigUInt64LE(ro, rwOffset + 32);
  file.writeBigUInt64LE(BigInt(version.length), rwOffset + 40);
  file.writeBigUInt64LE(ro + BigInt(version.length), rwOffset + 48);
  file.writeBigUInt64LE(BigInt(Buffer.byteLength(mod)), rwOffset + 56);
  return file;
}
