/**
 * cargo-auditable audit data in real Rust executables compiled here by rustc, with the `.dep-v0`
 * section added by objcopy (ELF, and PE converted by objcopy), a hand-made Mach-O, and hostile
 * sections: corrupt and truncated zlib, a decompression bomb, a section past the end of the file.
 * Then the same binaries in a dir: root and an OCI image, through the SBOM writers.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';
import { CARGO_AUDIT_RECORD } from '../../src/analyzers/binary/condense.js';
import { encodeRecords } from '../../src/analyzers/binary/condensed.js';
import { inventoryImage, renderSbom } from '../../src/sdk/index.js';
import { importAdvisories, matchPackages } from '../../src/vuln/index.js';
import { isOffCratesIo, lookupKeys } from '../../src/vuln/match/candidate.js';
import type { Package } from '../../src/model/package.js';
import { auditData, prepareRustBuild, type RustBuild } from './support/rust-build.js';
import { OciWriter } from './support/oci-writer.js';
import { sbomValidators } from './support/sbom-schemas.js';

const cargo = ANALYZERS.find((a) => a.id === 'cargo-auditable') as Analyzer;
const golang = ANALYZERS.find((a) => a.id === 'golang') as Analyzer;
const context = { exists: () => false };

/** A build's crates as cargo auditable records them: the root, registry, git and build-only crates. */
const CRATES = [
  { name: 'app', version: '0.1.0', source: 'local', dependencies: [1, 2, 4], root: true },
  { name: 'serde', version: '1.0.197', source: 'crates.io', dependencies: [3, 5] },
  { name: 'itoa', version: '1.0.10', source: 'crates.io' },
  { name: 'serde_derive', version: '1.0.197', source: 'crates.io', kind: 'build', dependencies: [6] },
  { name: 'log', version: '0.4.21', source: 'git' },
  { name: 'ryu', version: '1.0.17', source: 'registry', kind: 'runtime' },
  { name: 'proc-macro2', version: '1.0.79', source: 'crates.io', kind: 'build' },
];
/**
 * Everything linked into the executable: build-only crates are not. The local root crate, the git
 * crate and the alternative registry's crate are not the crates.io crates of their names: their
 * purls say where they came from.
 */
const EXPECTED = ['pkg:cargo/app@0.1.0?source=local', 'pkg:cargo/serde@1.0.197', 'pkg:cargo/itoa@1.0.10', 'pkg:cargo/log@0.4.21?source=git', 'pkg:cargo/ryu@1.0.17?source=registry'];

const work = mkdtempSync(join(tmpdir(), 'palisade-rust-'));
let rust: RustBuild | undefined;
const binaries: Record<string, string> = {};

beforeAll(() => {
  rust = prepareRustBuild(work);
  if (rust === undefined) {
    console.warn('rustc or objcopy not installed: the cargo-auditable tests on real executables are skipped');
    return;
  }
  const data = auditData(CRATES);
  binaries.audited = rust.withSection('audited', data);
  binaries.pe = rust.asPe(binaries.audited, 'audited.exe');
  binaries.corrupt = rust.withSection('corrupt', Buffer.concat([data.subarray(0, 2), Buffer.alloc(data.length - 2, 0xa5)]));
  binaries.truncated = rust.withSection('truncated', data.subarray(0, data.length - 6));
  // 64 MiB of one repeated crate entry: ~70 KiB compressed, far past the 8 MiB inflation cap.
  binaries.bomb = rust.withSection('bomb', deflateSync(Buffer.from(`{"packages":[${'{"name":"x","version":"1.0.0","source":"crates.io"},'.repeat(1_300_000)}]}`), { level: 9 }));
  binaries.notJson = rust.withSection('not-json', deflateSync(Buffer.from('{"packages": [ {"name": "x"')));
  binaries.wrongShape = rust.withSection('wrong-shape', auditData([{ name: 'x', version: 7, source: 'crates.io' }]));
}, 600_000);

function purls(content: Buffer, analyzer = cargo): string[] {
  return analyzer.parse({ path: '/app', content }, context).map((p) => p.purl);
}

function file(name: string): Buffer {
  return readFileSync(binaries[name] ?? '');
}

describe('cargo-auditable analyzer', () => {
  it('reads exactly the linked crates of a real ELF executable, root crate included', (ctx) => {
    if (rust === undefined) ctx.skip();
    expect(purls(file('audited'))).toEqual(EXPECTED);
    const packages = cargo.parse({ path: '/app', content: file('audited') }, context);
    expect(packages[0]).toEqual({ name: 'app', version: '0.1.0', ecosystem: 'cargo', licenses: [], purl: 'pkg:cargo/app@0.1.0?source=local' });
  });

  it('reads the section of a PE executable and of a Mach-O __DATA segment', (ctx) => {
    if (rust === undefined) ctx.skip();
    expect(file('pe').subarray(0, 2).toString('latin1')).toBe('MZ');
    expect(purls(file('pe'))).toEqual(EXPECTED);
    expect(purls(machO('__DATA', auditData(CRATES)))).toEqual(EXPECTED);
    // The format puts the section in __DATA: a same-named section elsewhere is not audit data.
    expect(purls(machO('__TEXT', auditData(CRATES)))).toEqual([]);
  });

  it('condenses an executable to its section, and reads the condensed form the same', (ctx) => {
    if (rust === undefined) ctx.skip();
    const whole = file('audited');
    const condensed = cargo.condense?.({ path: '/app', content: whole });
    expect(condensed).toBeDefined();
    expect(condensed?.length).toBeLessThan(1024);
    expect(purls(condensed ?? Buffer.alloc(0))).toEqual(EXPECTED);
    // One condensed form serves both binary analyzers: the Go analyzer finds nothing in it.
    expect(golang.condense).toBe(cargo.condense);
    expect(purls(condensed ?? Buffer.alloc(0), golang)).toEqual([]);
  });

  it('finds nothing in an executable without audit data, nor in files that are not executables', (ctx) => {
    if (rust === undefined) ctx.skip();
    const plain = readFileSync(rust?.plain ?? '');
    expect(purls(plain)).toEqual([]);
    expect(cargo.condense?.({ path: '/app', content: plain })).toBeUndefined();
    expect(purls(Buffer.from('#!/bin/sh\necho .dep-v0\n'))).toEqual([]);
    // A file in the image that imitates the condensed form is not an executable: it is not kept.
    expect(cargo.condense?.({ path: '/app', content: encodeRecords(new Map([['cargo.dep-v0', auditData(CRATES)]])) })).toBeUndefined();
    expect(purls(plain.subarray(0, 100))).toEqual([]);
    expect(cargo.matches('/usr/local/bin/app', 0o755)).toBe(true);
    expect(cargo.matches('/usr/local/bin/app', 0o644)).toBe(false);
    expect(cargo.matches('/usr/local/bin/run.sh', 0o755)).toBe(false);
  });

  it.for([
    ['corrupt', /not a complete zlib stream/],
    ['truncated', /not a complete zlib stream \(unexpected end of file\)/],
    ['bomb', /inflates past the 8388608-byte limit/],
    ['notJson', /not UTF-8 JSON/],
    ['wrongShape', /packages\.0\.version/],
  ] as const)('reports %s audit data with a message, whole or condensed', ([name, message], ctx) => {
    if (rust === undefined) ctx.skip();
    const whole = file(name);
    expect(() => cargo.parse({ path: '/app', content: whole }, context)).toThrow(message);
    const condensed = cargo.condense?.({ path: '/app', content: whole }) ?? Buffer.alloc(0);
    expect(condensed.length).toBeLessThan(256 * 1024);
    expect(() => cargo.parse({ path: '/app', content: condensed }, context)).toThrow(message);
  });

  it('reports a section that runs past the end of the file', () => {
    const data = auditData(CRATES);
    const cut = machO('__DATA', data).subarray(0, 0x1000 + 10);
    expect(() => cargo.parse({ path: '/app', content: cut }, context)).toThrow(/runs past the end of the file/);
    const condensed = cargo.condense?.({ path: '/app', content: cut }) ?? Buffer.alloc(0);
    expect(() => cargo.parse({ path: '/app', content: condensed }, context)).toThrow(/runs past the end of the file/);
  });

  it('inventories the executables of a root file system and an OCI image; hostile ones are problems', async (ctx) => {
    if (rust === undefined) ctx.skip();
    const root = join(work, 'rootfs');
    mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
    for (const [name, target] of [['audited', 'usr/local/bin/app'], ['bomb', 'usr/local/bin/bomb'], ['plain', 'usr/local/bin/plain']] as const) {
      copyFileSync(name === 'plain' ? rust?.plain ?? '' : binaries[name] ?? '', join(root, target));
      chmodSync(join(root, target), 0o755);
    }
    const expected = EXPECTED.map((p) => `${p} /usr/local/bin/app`).sort();
    const fromDir = (await inventoryImage(`dir:${root}`)).inventory;
    expect(fromDir.packages.map((p) => `${p.purl} ${p.file}`).sort()).toEqual(expected);
    expect(fromDir.problems.map((p) => [p.code, p.message])).toEqual([['analyzer-failed', expect.stringMatching(/cargo-auditable.*inflates past the 8388608-byte limit/)]]);

    const layout = join(work, 'oci');
    const writer = new OciWriter(layout);
    writer.index([writer.image([execFileSync('tar', ['-C', root, '-cf', '-', 'usr'], { maxBuffer: 64 * 1024 * 1024 })])]);
    const { inventory } = await inventoryImage(`oci:${layout}`);
    expect(inventory.packages.map((p) => `${p.purl} ${p.file}`).sort()).toEqual(expected);
    expect(inventory.packages.every((p) => p.analyzer === 'cargo-auditable' && p.layer?.startsWith('sha256:') === true)).toBe(true);
    expect(inventory.problems.map((p) => p.code)).toEqual(['analyzer-failed']);

    const bom = JSON.parse(renderSbom(inventory, 'cyclonedx', { now: () => new Date('2026-11-29T00:00:00Z') })) as { components: { purl?: string; properties: { name: string; value: string }[] }[] };
    expect(bom.components.map((c) => c.purl)).toEqual(inventory.packages.map((p) => p.purl));
    expect(bom.components[0]?.properties).toContainEqual({ name: 'palisade:package:file', value: '/usr/local/bin/app' });
    const validators = sbomValidators();
    if (validators === undefined) console.warn('../shared/testdata/supply-chain/sbom absent: CycloneDX schema check skipped');
    else expect(validators.cyclonedx(bom)).toEqual([]);
  });
});

describe('crates not taken from crates.io', () => {
  const crates = [
    { name: 'time', version: '0.1.0', source: 'local', root: true, dependencies: [1, 2, 3, 4] },
    { name: 'time', version: '0.1.0', source: 'crates.io' },
    { name: 'smallvec', version: '1.6.0', source: 'git' },
    { name: 'hyper', version: '0.14.0', source: 'registry' },
    { name: 'odd', version: '1.0.0', source: { weird: true } },
  ];
  const found = (): Package[] => cargo.parse({ path: '/app', content: encodeRecords(new Map([[CARGO_AUDIT_RECORD, auditData(crates)]])) }, context)
    .map((p) => ({ ...p, file: '/app', analyzer: 'cargo-auditable' }));

  it('get purls that say where they came from (a local and a crates.io "time" are two packages)', () => {
    expect(found().map((p) => p.purl)).toEqual([
      'pkg:cargo/time@0.1.0?source=local', 'pkg:cargo/time@0.1.0', 'pkg:cargo/smallvec@1.6.0?source=git', 'pkg:cargo/hyper@0.14.0?source=registry', 'pkg:cargo/odd@1.0.0?source=unknown',
    ]);
    expect(found().map(isOffCratesIo)).toEqual([true, false, true, true, true]);
  });

  it('are never looked up in crates.io advisories; the crates.io crate of the same name is', async () => {
    expect(found().filter((p) => lookupKeys(p).length > 0).map((p) => p.purl)).toEqual(['pkg:cargo/time@0.1.0']);
    const input = join(work, 'advisories');
    mkdirSync(input);
    writeFileSync(join(input, 'a.json'), JSON.stringify({
      schema_version: '1.6.0', id: 'RUSTSEC-2020-0071', modified: '2026-01-01T00:00:00Z', summary: 'time: potential segfault',
      affected: [{ package: { ecosystem: 'crates.io', name: 'time' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0.0.0-0' }, { fixed: '0.2.23' }] }] }],
    }));
    const store = join(work, 'advisories.sqlite');
    await importAdvisories(store, input, { name: 'osv' });
    const result = matchPackages(store, found());
    expect(result.problems).toEqual([]);
    expect(result.matches.map((m) => [m.id, m.package.purl])).toEqual([['RUSTSEC-2020-0071', 'pkg:cargo/time@0.1.0']]);
  });
});

/**
 * A minimal little-endian 64-bit Mach-O: one LC_SEGMENT_64 named `segment` with one `.dep-v0`
 * section whose bytes are `data`, at file offset 0x1000 (the layout of mach-o/loader.h).
 */
function machO(segment: string, data: Buffer): Buffer {
  const dataOffset = 0x1000;
  const file = Buffer.alloc(dataOffset + data.length);
  file.writeUInt32LE(0xfeedfacf, 0);
  file.writeUInt32LE(0x0100000c, 4); // CPU_TYPE_ARM64
  file.writeUInt32LE(2, 12); // MH_EXECUTE
  file.writeUInt32LE(1, 16); // ncmds
  file.writeUInt32LE(72 + 80, 20); // sizeofcmds
  const cmd = 32;
  file.writeUInt32LE(0x19, cmd); // LC_SEGMENT_64
  file.writeUInt32LE(72 + 80, cmd + 4);
  file.write(segment, cmd + 8, 'latin1');
  file.writeBigUInt64LE(0x100004000n, cmd + 24); // vmaddr
  file.writeBigUInt64LE(0x4000n, cmd + 32); // vmsize
  file.writeBigUInt64LE(BigInt(dataOffset), cmd + 40); // fileoff
  file.writeBigUInt64LE(BigInt(data.length), cmd + 48); // filesize
  file.writeUInt32LE(3, cmd + 56); file.writeUInt32LE(3, cmd + 60); // rw- protections
  file.writeUInt32LE(1, cmd + 64); // nsects
  const sect = cmd + 72;
  file.write('.dep-v0', sect, 'latin1');
  file.write(segment, sect + 16, 'latin1');
  file.writeBigUInt64LE(0x100004000n, sect + 32); // addr
  file.writeBigUInt64LE(BigInt(data.length), sect + 40); // size
  file.writeUInt32LE(dataOffset, sect + 48); // offset
  data.copy(file, dataOffset);
  return file;
}
