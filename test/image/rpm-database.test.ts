/**
 * RPM inventories against real rpm databases: the tests build small packages with rpmbuild (epochs,
 * licences, a subpackage, three architectures), install them with rpm --justdb into a database
 * rpm 4.18 writes itself (Debian's rpm uses the SQLite backend), import a signing key, and put the
 * result in a root file system and in a two-layer podman image. The inventory must be exactly what
 * `rpm -qa` on the same database prints, gpg-pubkey key entries included.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsupportedFormat } from '../../src/analyzers/analyzer.js';
import { rpmAnalyzer } from '../../src/analyzers/rpm.js';
import { encodeHeader } from '../../src/analyzers/rpm/header-writer.js';
import { adler32 } from '../../src/analyzers/rpm/ndb-writer.js';
import { inventoryImage, renderSbom, type Inventory } from '../../src/sdk/index.js';
import { importAdvisories, matchPackages } from '../../src/vuln/index.js';
import { type Podman, startPodman } from './support/podman.js';
import { sbomValidators } from './support/sbom-schemas.js';

const BDB_RO = ['--define', '_db_backend bdb_ro'];
const QUERY_FORMAT = '%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE} %{ARCH}\n';
const OS_RELEASE = 'NAME="AlmaLinux"\nID="almalinux"\nVERSION_ID="9.3"\nPRETTY_NAME="AlmaLinux 9.3 (Shamrock Pampas Cat)"\n';
const TAG = 'localhost/palisade-rpm:1';

interface Spec {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  license: string;
  target?: string;
  noarch?: boolean;
  subpackage?: string;
}

const SPECS: Spec[] = [
  { name: 'palisade-epoch', version: '1.2.3', release: '4.el9', epoch: 3, license: 'MIT AND (Apache-2.0 OR GPL-2.0-or-later)', noarch: true, subpackage: 'libs' },
  { name: 'palisade-native', version: '2.0', release: '1.el9', license: 'BSD-3-Clause' },
  { name: 'palisade-arm', version: '0.9~rc1', release: '0.1.el9', epoch: 0, license: 'GPLv2+', target: 'aarch64' },
];
const LATER: Spec = { name: 'palisade-later', version: '5', release: '2.el9', license: 'ISC', target: 'i686' };

let work: string;
let dbDir: string;
let rootfs: string;
let podman: Podman | undefined;
let archive: string;

function run(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed: ${String((error as { stderr?: string }).stderr ?? error)}`);
  }
}

function specText(spec: Spec): string {
  const sub = spec.subpackage;
  return [
    `Name: ${spec.name}`, `Version: ${spec.version}`, `Release: ${spec.release}`,
    ...(spec.epoch === undefined ? [] : [`Epoch: ${String(spec.epoch)}`]),
    'Summary: Palisade test package', `License: ${spec.license}`, 'Vendor: Palisade Tests',
    ...(spec.noarch === true ? ['BuildArch: noarch'] : []),
    '%description', 'A package for the RPM inventory tests.',
    ...(sub === undefined ? [] : [`%package ${sub}`, 'Summary: subpackage', `%description ${sub}`, 'A subpackage.']),
    '%install', `mkdir -p %{buildroot}/usr/share/${spec.name}`, `echo ${spec.name} > %{buildroot}/usr/share/${spec.name}/README`,
    '%files', `/usr/share/${spec.name}/README`,
    ...(sub === undefined ? [] : [`%files ${sub}`]),
    '',
  ].join('\n');
}

/** Builds the spec's binary rpms; returns their paths. */
function build(top: string, spec: Spec): string[] {
  const file = join(top, `${spec.name}.spec`);
  writeFileSync(file, specText(spec));
  const out = run('rpmbuild', [
    '--define', `_topdir ${top}`, '--define', 'debug_package %{nil}', '--define', '_build_id_links none',
    ...(spec.target === undefined ? [] : ['--target', spec.target]), '-bb', file,
  ]);
  return [...out.matchAll(/^Wrote: (\S+\.rpm)$/gm)].map((m) => m[1] ?? '');
}

function install(dbPath: string, rpms: readonly string[]): void {
  run('rpm', ['--dbpath', dbPath, '-i', '--justdb', '--nodeps', '--noscripts', '--ignorearch', '--ignoreos', ...rpms]);
}

/** What rpm itself lists, in the inventory's spelling with the epoch made explicit. */
function rpmQa(dbPath: string, options: readonly string[] = []): string[] {
  return run('rpm', [...options, '--dbpath', dbPath, '-qa', '--qf', QUERY_FORMAT]).trim().split('\n').sort();
}

/** The header blobs of the SQLite database rpm wrote, by header number. */
function headerBlobs(): Map<number, Buffer> {
  const db = new Database(join(dbDir, 'rpmdb.sqlite'), { readonly: true });
  try {
    return new Map((db.prepare('SELECT hnum, blob FROM Packages').all() as { hnum: number; blob: Buffer }[]).map((r) => [r.hnum, r.blob]));
  } finally {
    db.close();
  }
}

/**
 * A real BerkeleyDB hash database written by libdb 5.3's db_load, keyed as rpm keys Packages:
 * host-order uint32 header numbers, plus record 0 holding the last header number.
 */
function writeBdb(dir: string, blobs: ReadonlyMap<number, Buffer>, pageSize: number): string {
  const uint32 = (n: number): string => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b.toString('hex'); };
  const lines = ['VERSION=3', 'format=bytevalue', 'type=hash', `db_pagesize=${String(pageSize)}`, 'HEADER=END', ` ${uint32(0)}`, ` ${uint32(Math.max(...blobs.keys()))}`];
  for (const [key, blob] of blobs) lines.push(` ${uint32(key)}`, ` ${blob.toString('hex')}`);
  lines.push('DATA=END', '');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dump.txt'), lines.join('\n'));
  run('db5.3_load', ['-f', join(dir, 'dump.txt'), join(dir, 'Packages')]);
  return join(dir, 'Packages');
}

/**
 * The same database as a big-endian host would have written it: libdb keeps every integer in the
 * writer's byte order (the metadata, page headers, entry offsets, overflow references) and rpm
 * keys are host-order uint32s. Converted field by field; rpm's bdb_ro reading the result is the
 * check that the conversion is faithful.
 */
function bigEndianBdb(file: Buffer, pageSize: number): Buffer {
  const out = Buffer.from(file);
  const swap32 = (at: number): void => { out.writeUInt32BE(file.readUInt32LE(at), at); };
  const swap16 = (at: number): void => { out.writeUInt16BE(file.readUInt16LE(at), at); };
  // Metadata: the 32-bit fields from the page number to the end of the hash spares; offset 24
  // holds four single bytes (encryption, type, flags, unused).
  for (let at = 8; at < 224; at += 4) if (at !== 24) swap32(at);
  for (let page = 1; page * pageSize < file.length; page++) {
    const base = page * pageSize;
    [8, 12, 16].forEach((at) => { swap32(base + at); });
    [20, 22].forEach((at) => { swap16(base + at); });
    const type = file[base + 25];
    if (type !== 2 && type !== 13) continue;
    const entries = file.readUInt16LE(base + 20);
    for (let i = 0; i < entries; i++) {
      swap16(base + 26 + i * 2);
      const at = file.readUInt16LE(base + 26 + i * 2);
      const end = i === 0 ? pageSize : file.readUInt16LE(base + 24 + i * 2);
      if (file[base + at] === 3) [4, 8].forEach((o) => { swap32(base + at + o); });
      else if (i % 2 === 0 && file[base + at] === 1 && end - at === 5) swap32(base + at + 1); // a header number key
    }
  }
  return out;
}

/**
 * An ndb Packages.db laid out as rpm's rpmpkg.c writes one (Debian's rpm cannot: its ndb backend
 * is not built): the 32-byte header, slot pages of "Slot" entries (free ones with offset 0), and
 * each blob block-aligned after the slot pages with its BlbS head and adler32/length/BlbE tail.
 */
function writeNdb(blobs: ReadonlyMap<number, Buffer>): Buffer {
  const slotPages = Math.ceil((blobs.size + 2 + 1) / 256); // header takes two slots; keep one free
  const slots = Buffer.alloc(slotPages * 4096);
  for (let at = 32; at < slots.length; at += 16) slots.write('Slot', at, 'latin1');
  slots.write('RpmP', 0, 'latin1');
  slots.writeUInt32LE(0, 4);
  slots.writeUInt32LE(blobs.size, 8);
  slots.writeUInt32LE(slotPages, 12);
  slots.writeUInt32LE(Math.max(...blobs.keys()) + 1, 16);
  const chunks: Buffer[] = [slots];
  let block = slotPages * 256;
  let slot = 3; // slot 2 stays free, as one deleted package would leave it
  for (const [index, blob] of blobs) {
    const blocks = Math.ceil((16 + blob.length + 12) / 16);
    const bytes = Buffer.alloc(blocks * 16);
    bytes.write('BlbS', 0, 'latin1');
    bytes.writeUInt32LE(index, 4);
    bytes.writeUInt32LE(1_700_000_000, 8);
    bytes.writeUInt32LE(blob.length, 12);
    blob.copy(bytes, 16);
    bytes.writeUInt32LE(adler32(bytes.subarray(0, bytes.length - 12)), bytes.length - 12);
    bytes.writeUInt32LE(blob.length, bytes.length - 8);
    bytes.write('BlbE', bytes.length - 4, 'latin1');
    slots.writeUInt32LE(index, slot * 16 + 4);
    slots.writeUInt32LE(block, slot * 16 + 8);
    slots.writeUInt32LE(blocks, slot * 16 + 12);
    chunks.push(bytes);
    block += blocks;
    slot++;
  }
  return Buffer.concat(chunks);
}

/** `count` records cycling over the real headers: enough to split hash buckets and fill slot pages. */
function manyBlobs(count: number): Map<number, Buffer> {
  const real = [...headerBlobs().values()];
  return new Map(Array.from({ length: count }, (_, i) => [i + 1, real[i % real.length] ?? Buffer.alloc(0)]));
}

function parsedLines(path: string, content: Buffer): string[] {
  return rpmAnalyzer.parse({ path, content }, { exists: () => false })
    .map((p) => `${p.name} ${p.version.includes(':') ? p.version : `0:${p.version}`} ${p.arch ?? '(none)'}`).sort();
}

function listed(inventory: Inventory): string[] {
  return inventory.packages.filter((p) => p.ecosystem === 'rpm')
    .map((p) => `${p.name} ${p.version.includes(':') ? p.version : `0:${p.version}`} ${p.arch ?? '(none)'}`).sort();
}

/** A root file system with os-release and a copy of the database (not rpm's lock or -shm files). */
function rootfsWith(dir: string, db: string, options: { wal?: string } = {}): string {
  mkdirSync(join(dir, 'etc'), { recursive: true });
  mkdirSync(join(dir, 'var/lib/rpm'), { recursive: true });
  writeFileSync(join(dir, 'etc/os-release'), OS_RELEASE);
  copyFileSync(db, join(dir, 'var/lib/rpm/rpmdb.sqlite'));
  if (options.wal !== undefined) copyFileSync(options.wal, join(dir, 'var/lib/rpm/rpmdb.sqlite-wal'));
  return dir;
}

beforeAll(() => {
  try {
    run('sh', ['-c', 'command -v rpm && command -v rpmbuild && command -v gpg && command -v db5.3_load']);
  } catch {
    throw new Error('rpm, rpmbuild, gpg and db5.3_load are needed: `apt-get install rpm gnupg db5.3-util`');
  }
  work = mkdtempSync(join(tmpdir(), 'palisade-rpm-'));
  const top = join(work, 'rpmbuild');
  mkdirSync(top);
  const rpms = SPECS.flatMap((s) => build(top, s));
  expect(rpms).toHaveLength(4);
  dbDir = join(work, 'db');
  run('rpmdb', ['--dbpath', dbDir, '--initdb']);
  install(dbDir, rpms);
  // A signing key, which rpm stores as a gpg-pubkey pseudo-package.
  const gnupg = join(work, 'gnupg');
  mkdirSync(gnupg, { mode: 0o700 });
  run('gpg', ['--homedir', gnupg, '--batch', '--passphrase', '', '--quick-gen-key', 'Palisade Test <test@example.org>', 'ed25519', 'sign', 'never']);
  writeFileSync(join(work, 'key.asc'), run('gpg', ['--homedir', gnupg, '--armor', '--export']));
  run('rpmkeys', ['--dbpath', dbDir, '--import', join(work, 'key.asc')]);
  // The first layer's database; the second layer installs one more package.
  const layer1 = rootfsWith(join(work, 'layer1'), join(dbDir, 'rpmdb.sqlite'));
  install(dbDir, build(top, LATER));
  rootfs = rootfsWith(join(work, 'rootfs'), join(dbDir, 'rpmdb.sqlite'));
  const layer2 = join(work, 'layer2');
  mkdirSync(join(layer2, 'var/lib/rpm'), { recursive: true });
  copyFileSync(join(dbDir, 'rpmdb.sqlite'), join(layer2, 'var/lib/rpm/rpmdb.sqlite'));
  // podman's vfs driver diffs layers by size and whole-second mtime: two same-sized copies made
  // within one second would look unchanged and the second layer would come out empty.
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(layer2, 'var/lib/rpm/rpmdb.sqlite'), later, later);

  podman = startPodman();
  const context = mkdtempSync(join(podman.dir, 'ctx-'));
  run('tar', ['-C', layer1, '-cf', join(context, 'layer1.tar'), '.']);
  run('tar', ['-C', layer2, '-cf', join(context, 'layer2.tar'), '.']);
  writeFileSync(join(context, 'Containerfile'), 'FROM scratch\nADD layer1.tar /\nADD layer2.tar /\n');
  podman.build(context, TAG);
  archive = podman.save(TAG, 'oci-archive');
}, 300_000);

afterAll(() => {
  podman?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('RPM SQLite database (rpmdb.sqlite)', () => {
  it('lists exactly what rpm -qa prints, signing keys included (100% precision and recall)', async () => {
    const wanted = rpmQa(dbDir);
    expect(wanted.some((line) => /^gpg-pubkey 0:[0-9a-f]{8}-[0-9a-f]{8} \(none\)$/.test(line))).toBe(true);
    expect(wanted).toHaveLength(6);
    for (const target of [`dir:${rootfs}`, `oci-archive:${archive}`]) {
      const { inventory } = await inventoryImage(target);
      expect(inventory.problems).toEqual([]);
      expect(listed(inventory), target).toEqual(wanted);
    }
  });

  it('reports version, source package, licence, purl and the layer that added each package', async () => {
    const { inventory } = await inventoryImage(`oci-archive:${archive}`);
    const byName = new Map(inventory.packages.map((p) => [p.name, p]));
    expect(byName.get('palisade-epoch-libs')).toMatchObject({
      version: '3:1.2.3-4.el9', arch: 'noarch', ecosystem: 'rpm', file: '/var/lib/rpm/rpmdb.sqlite', analyzer: 'rpm',
      source: { name: 'palisade-epoch', version: '3:1.2.3-4.el9' },
      licenses: ['MIT AND (Apache-2.0 OR GPL-2.0-or-later)'],
      purl: 'pkg:rpm/almalinux/palisade-epoch-libs@1.2.3-4.el9?arch=noarch&distro=almalinux-9.3&epoch=3',
    });
    expect(byName.get('palisade-native')?.purl).toMatch(/^pkg:rpm\/almalinux\/palisade-native@2\.0-1\.el9\?arch=\w+&distro=almalinux-9\.3$/);
    expect(byName.get('palisade-arm')).toMatchObject({ version: '0:0.9~rc1-0.1.el9', purl: 'pkg:rpm/almalinux/palisade-arm@0.9~rc1-0.1.el9?arch=aarch64&distro=almalinux-9.3&epoch=0' });
    const layers = inventory.image?.layers.map((l) => l.digest) ?? [];
    expect(layers).toHaveLength(2);
    expect(byName.get('palisade-later')?.layer).toBe(layers[1]);
    expect(byName.get('palisade-native')?.layer).toBe(layers[0]);
  });

  it('writes SBOMs that list the same packages, valid against the CycloneDX 1.6 and SPDX 2.3 schemas', async () => {
    const { inventory } = await inventoryImage(`oci-archive:${archive}`);
    const bom = JSON.parse(renderSbom(inventory, 'cyclonedx', { now: () => new Date(0) })) as { components: { name: string; version: string; purl?: string }[] };
    const components = bom.components.filter((c) => c.purl?.startsWith('pkg:rpm/') === true).map((c) => `${c.name} ${c.version.includes(':') ? c.version : `0:${c.version}`}`).sort();
    expect(components).toEqual(rpmQa(dbDir).map((line) => line.split(' ').slice(0, 2).join(' ')));
    const validators = sbomValidators();
    if (validators === undefined) {
      console.warn('skipping SBOM schema validation: ../shared/testdata/supply-chain/sbom is absent');
      return;
    }
    for (const format of ['cyclonedx', 'spdx'] as const) {
      expect(validators[format](JSON.parse(renderSbom(inventory, format, { now: () => new Date(0) })))).toEqual([]);
    }
  });

  it('folds in the committed transactions of a leftover rpmdb.sqlite-wal, as SQLite (and rpm) would', async () => {
    // A real write-ahead log: SQLite writes it and we copy it before the connection closes
    // (closing would checkpoint it into the database and delete it).
    const live = join(work, 'wal-live');
    mkdirSync(live);
    copyFileSync(join(dbDir, 'rpmdb.sqlite'), join(live, 'rpmdb.sqlite'));
    const db = new Database(join(live, 'rpmdb.sqlite'));
    db.pragma('foreign_keys = OFF');
    const frozen = join(work, 'wal-frozen');
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.pragma('wal_autocheckpoint = 0');
      const hnum = db.prepare("SELECT hnum FROM Name WHERE key = 'palisade-native'").pluck().get();
      db.prepare('DELETE FROM Packages WHERE hnum = ?').run(hnum);
      mkdirSync(frozen);
      copyFileSync(join(live, 'rpmdb.sqlite'), join(frozen, 'rpmdb.sqlite'));
      copyFileSync(join(live, 'rpmdb.sqlite-wal'), join(frozen, 'rpmdb.sqlite-wal'));
    } finally {
      db.close();
    }
    const inventoryAndRpm = async (name: string, wal: Buffer): Promise<{ ours: string[]; rpms: string[] }> => {
      const dir = join(work, name);
      mkdirSync(dir);
      copyFileSync(join(frozen, 'rpmdb.sqlite'), join(dir, 'rpmdb.sqlite'));
      writeFileSync(join(dir, 'rpmdb.sqlite-wal'), wal);
      const root = rootfsWith(join(dir, 'root'), join(dir, 'rpmdb.sqlite'), { wal: join(dir, 'rpmdb.sqlite-wal') });
      const { inventory } = await inventoryImage(`dir:${root}`);
      // rpm replays the log itself (and checkpoints it when it closes), after the copy was scanned.
      return { ours: listed(inventory), rpms: rpmQa(dir) };
    };
    const wal = readFileSync(join(frozen, 'rpmdb.sqlite-wal'));
    const replayed = await inventoryAndRpm('wal-intact', wal);
    expect(replayed.rpms.some((line) => line.startsWith('palisade-native '))).toBe(false);
    expect(replayed.ours).toEqual(replayed.rpms);
    // A log whose last frame is damaged: SQLite stops at the first frame whose checksum fails, so
    // the transaction never happened -- for rpm and for the inventory alike.
    const damaged = Buffer.from(wal);
    damaged[damaged.length - 100] = (damaged[damaged.length - 100] ?? 0) ^ 0xff;
    const ignored = await inventoryAndRpm('wal-damaged', damaged);
    expect(ignored.rpms.some((line) => line.startsWith('palisade-native '))).toBe(true);
    expect(ignored.ours).toEqual(ignored.rpms);
    // A log cut in the middle of a frame: the same.
    const cut = await inventoryAndRpm('wal-cut', wal.subarray(0, wal.length - 1000));
    expect(cut.ours).toEqual(cut.rpms);
    // Without its log the database file alone still lists the deleted package.
    const parsed = rpmAnalyzer.parse({ path: '/var/lib/rpm/rpmdb.sqlite', content: readFileSync(join(frozen, 'rpmdb.sqlite')) }, { exists: () => false });
    expect(parsed.some((p) => p.name === 'palisade-native')).toBe(true);
  });

  it('lets RPM packages meet distro advisories (OSV AlmaLinux records, by binary and by source package)', async () => {
    const { inventory } = await inventoryImage(`dir:${rootfs}`);
    const input = join(work, 'advisories');
    mkdirSync(input);
    const record = (id: string, name: string, fixed: string): object => ({
      schema_version: '1.6.0', id, modified: '2026-01-01T00:00:00Z', summary: id,
      affected: [{ package: { ecosystem: 'AlmaLinux:9', name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }],
    });
    writeFileSync(join(input, 'a.json'), JSON.stringify(record('ALSA-2026:0001', 'palisade-epoch', '3:1.2.4-1.el9')));
    // Fixed at exactly the installed version: not affected.
    writeFileSync(join(input, 'b.json'), JSON.stringify(record('ALSA-2026:0002', 'palisade-native', '2.0-1.el9')));
    // The epoch decides: 2:9.9 is older than the installed 3:1.2.3.
    writeFileSync(join(input, 'c.json'), JSON.stringify(record('ALSA-2026:0003', 'palisade-epoch-libs', '2:9.9-1.el9')));
    const store = join(work, 'store.sqlite');
    await importAdvisories(store, input, { name: 'almalinux' });
    const result = matchPackages(store, inventory.packages, { ...(inventory.os === undefined ? {} : { os: inventory.os }) });
    const hits = result.matches.map((m) => `${m.package.name} ${m.id}`).sort();
    expect(hits).toEqual(['palisade-epoch ALSA-2026:0001', 'palisade-epoch-libs ALSA-2026:0001']);
  });
});

describe('RPM BerkeleyDB database (Packages)', () => {
  it('reads real libdb hash databases exactly as rpm\'s own bdb_ro backend does, inline and on overflow pages', () => {
    for (const [pageSize, blobs] of [[4096, headerBlobs()], [512, manyBlobs(300)]] as const) {
      const dir = join(work, `bdb-${String(pageSize)}`);
      const file = writeBdb(dir, blobs, pageSize);
      const expected = rpmQa(dir, BDB_RO);
      expect(expected).toHaveLength(blobs.size);
      expect(parsedLines('/var/lib/rpm/Packages', readFileSync(file))).toEqual(expected);
    }
  });

  it('reads databases written on big-endian hosts, as rpm does', () => {
    const dir = join(work, 'bdb-le');
    const little = readFileSync(writeBdb(dir, manyBlobs(60), 512));
    const beDir = join(work, 'bdb-be');
    mkdirSync(beDir);
    const big = bigEndianBdb(little, 512);
    writeFileSync(join(beDir, 'Packages'), big);
    expect(big.readUInt32BE(12)).toBe(0x061561);
    const expected = rpmQa(beDir, BDB_RO);
    expect(expected).toEqual(rpmQa(dir, BDB_RO));
    expect(parsedLines('/var/lib/rpm/Packages', big)).toEqual(expected);
  });

  it('takes part in an image scan like any other database', async () => {
    const root = join(work, 'bdb-rootfs');
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/os-release'), 'ID="centos"\nVERSION_ID="7"\n');
    writeBdb(join(root, 'var/lib/rpm'), headerBlobs(), 4096);
    const { inventory } = await inventoryImage(`dir:${root}`);
    expect(inventory.problems).toEqual([]);
    expect(listed(inventory)).toEqual(rpmQa(dbDir));
    expect(inventory.packages.find((p) => p.name === 'palisade-native')?.purl).toMatch(/^pkg:rpm\/centos\/palisade-native@2\.0-1\.el9\?arch=\w+&distro=centos-7$/);
  });
});

describe('RPM manifest of distroless Azure Linux / CBL-Mariner images', () => {
  /** The manifest as the image builders write it, by rpm itself from the test database. */
  const manifest = (epochField: string): string => run('rpm', ['--dbpath', dbDir, '-qa', '--qf',
    `%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{INSTALLTIME}\\t%{BUILDTIME}\\t%{VENDOR}\\t${epochField}\\t%{SIZE}\\t%{ARCH}\\t%{EPOCHNUM}\\t%{SOURCERPM}\\n`]);

  function distroless(name: string, content: string, withDatabase = false): string {
    const root = join(work, name);
    mkdirSync(join(root, 'etc'), { recursive: true });
    mkdirSync(join(root, 'var/lib/rpmmanifest'), { recursive: true });
    writeFileSync(join(root, 'etc/os-release'), 'ID=azurelinux\nVERSION_ID="3.0"\n');
    writeFileSync(join(root, 'var/lib/rpmmanifest/container-manifest-2'), content);
    if (withDatabase) rootfsWith(root, join(dbDir, 'rpmdb.sqlite'));
    return root;
  }

  it('lists what rpm -qa listed before the database was removed, with %{EPOCH} or "(none)" in the epoch column', async () => {
    for (const [name, epochField] of [['mariner', '%{EPOCH}'], ['dalec', '(none)']] as const) {
      const { inventory } = await inventoryImage(`dir:${distroless(`manifest-${name}`, manifest(epochField))}`);
      expect(inventory.problems, name).toEqual([]);
      expect(listed(inventory), name).toEqual(rpmQa(dbDir));
      expect(inventory.packages.find((p) => p.name === 'palisade-epoch-libs')).toMatchObject({
        file: '/var/lib/rpmmanifest/container-manifest-2', source: { name: 'palisade-epoch', version: '3:1.2.3-4.el9' },
        purl: 'pkg:rpm/azurelinux/palisade-epoch-libs@1.2.3-4.el9?arch=noarch&distro=azurelinux-3.0&epoch=3',
      });
    }
  });

  it('defers to a database in the same image, and names a malformed line', async () => {
    const { inventory } = await inventoryImage(`dir:${distroless('manifest-and-db', manifest('%{EPOCH}'), true)}`);
    expect(listed(inventory)).toEqual(rpmQa(dbDir));
    expect(new Set(inventory.packages.map((p) => p.file))).toEqual(new Set(['/var/lib/rpm/rpmdb.sqlite']));
    const bad = await inventoryImage(`dir:${distroless('manifest-bad', `${manifest('%{EPOCH}')}half a line\tonly\n`)}`);
    // rpm -qa printed one package a line: the bad line is skipped and named, the others stand.
    expect(bad.inventory.problems.map((p) => [p.code, p.message])).toEqual([['analyzer-record-skipped', 'RPM packages (rpm database): line 7: expected 10 tab-separated fields starting with NAME and VERSION-RELEASE; that package is skipped, the others are listed']]);
    expect(listed(bad.inventory)).toEqual(rpmQa(dbDir));
  });
});

describe('condensed RPM databases', () => {
  it('keep exactly the packages of the database, in a fraction of its size', () => {
    const context = { os: { id: 'centos', versionId: '7' }, exists: () => false };
    const bdb = readFileSync(writeBdb(join(work, 'bdb-condense'), manyBlobs(120), 4096));
    for (const [path, content] of [['/var/lib/rpm/Packages', bdb], ['/usr/lib/sysimage/rpm/Packages.db', writeNdb(manyBlobs(120))]] as const) {
      const condensed = rpmAnalyzer.condense?.({ path, content });
      expect(condensed?.length).toBeLessThan(content.length / 3);
      expect(rpmAnalyzer.parse({ path, content: condensed ?? Buffer.alloc(0) }, context)).toEqual(rpmAnalyzer.parse({ path, content }, context));
    }
    // SQLite stays whole: parse may need its write-ahead log.
    const sqlite = readFileSync(join(dbDir, 'rpmdb.sqlite'));
    expect(rpmAnalyzer.condense?.({ path: '/var/lib/rpm/rpmdb.sqlite', content: sqlite })).toBe(sqlite);
  });
});

describe('RPM ndb database (Packages.db)', () => {
  it('reads the slot pages and blobs of rpmpkg.c\'s layout (a file written from that layout: Debian\'s rpm has no ndb)', () => {
    for (const blobs of [headerBlobs(), manyBlobs(300)]) {
      const expected = parsedLines('/var/lib/rpm/rpmdb.sqlite', readFileSync(join(dbDir, 'rpmdb.sqlite')));
      const lines = parsedLines('/usr/lib/sysimage/rpm/Packages.db', writeNdb(blobs));
      expect(new Set(lines)).toEqual(new Set(expected));
      expect(lines).toHaveLength(blobs.size);
    }
  });
});

describe('rpm analyzer paths', () => {
  it('takes the three backends in the three rpm directories, the SQLite log as a sibling, and the Mariner manifest', () => {
    for (const dir of ['/var/lib/rpm', '/usr/lib/sysimage/rpm', '/usr/share/rpm']) {
      for (const file of ['rpmdb.sqlite', 'Packages.db', 'Packages']) expect(rpmAnalyzer.matches(`${dir}/${file}`, 0o644), `${dir}/${file}`).toBe(true);
      expect(rpmAnalyzer.alsoReads?.(`${dir}/rpmdb.sqlite-wal`)).toBe(true);
      expect(rpmAnalyzer.alsoReads?.(`${dir}/Packages-wal`)).toBe(false);
    }
    expect(rpmAnalyzer.matches('/var/lib/rpmmanifest/container-manifest-2', 0o644)).toBe(true);
    for (const path of ['/var/lib/rpm/Name', '/var/lib/rpm/rpmdb.sqlite-shm', '/srv/var/lib/rpm/Packages', '/var/lib/rpm/sub/Packages', '/var/lib/rpmmanifest/container-manifest-1']) {
      expect(rpmAnalyzer.matches(path, 0o644), path).toBe(false);
    }
  });
});

/** A copy of the real database changed by `edit` (a write through SQLite itself). */
function edited(edit: (db: Database.Database) => void): Buffer {
  const dir = mkdtempSync(join(work, 'edit-'));
  const file = join(dir, 'rpmdb.sqlite');
  copyFileSync(join(dbDir, 'rpmdb.sqlite'), file);
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  try {
    edit(db);
  } finally {
    db.close();
  }
  return readFileSync(file);
}

describe('one malformed record among good ones (rpm: "rpmdbNextIterator: skipping h#...")', () => {
  const SKIPPED = '; that package is skipped, the others are listed';

  /** The names listed and the warnings given, as the inventory runner calls the analyzer. */
  function parseWarned(path: string, content: Buffer): { names: string[]; warnings: string[] } {
    const warnings: string[] = [];
    const names = rpmAnalyzer.parse({ path, content }, { exists: () => false, warn: (m) => { warnings.push(m); } }).map((p) => p.name).sort();
    return { names, warnings };
  }

  /** The real header blobs by header number. */
  const blobs = (): Map<number, Buffer> => headerBlobs();
  const nameOf = (blob: Buffer): string => parsedLines('/var/lib/rpm/Packages.db', writeNdb(new Map([[1, blob]])))[0]?.split(' ')[0] ?? '';
  /** A header whose preamble claims 0xffffff index entries: rpm refuses it, and so do we. */
  const corrupt = (blob: Buffer): Buffer => { const bad = Buffer.from(blob); bad.writeUInt32BE(0xffffff, 0); return bad; };

  it('SQLite written by rpm, one blob corrupted: the other packages are listed and the record is named by its hnum', async () => {
    const real = blobs();
    const victim = Math.min(...real.keys());
    const victimName = nameOf(real.get(victim) ?? Buffer.alloc(0));
    const content = edited((db) => {
      db.prepare('UPDATE Packages SET blob = ? WHERE hnum = ?').run(corrupt(real.get(victim) ?? Buffer.alloc(0)), victim);
    });
    const expected = rpmQa(dbDir).map((line) => line.split(' ')[0] ?? '').filter((name) => name !== victimName).sort();
    expect(parseWarned('/var/lib/rpm/rpmdb.sqlite', content)).toEqual({
      names: expected, warnings: [`hnum ${String(victim)}: header claims 16777215 index entries${SKIPPED}`],
    });
    // Through the whole scan: a warning problem with the file, and the rest of the inventory.
    const dir = join(work, 'skip-sqlite');
    mkdirSync(dir);
    writeFileSync(join(dir, 'rpmdb.sqlite'), content);
    const { inventory } = await inventoryImage(`dir:${rootfsWith(join(work, 'skip-sqlite-root'), join(dir, 'rpmdb.sqlite'))}`);
    expect(inventory.problems.map((p) => [p.code, p.level, p.file, p.message])).toEqual([[
      'analyzer-record-skipped', 'warning', expect.stringMatching(/:\/var\/lib\/rpm\/rpmdb\.sqlite$/),
      `RPM packages (rpm database): hnum ${String(victim)}: header claims 16777215 index entries${SKIPPED}`,
    ]]);
    expect(inventory.packages.filter((p) => p.ecosystem === 'rpm').map((p) => p.name).sort()).toEqual(expected);
  });

  it('SQLite: a row whose blob is text loses only its own package', () => {
    const content = edited((db) => { db.prepare("UPDATE Packages SET blob = 'not a header' WHERE hnum = (SELECT max(hnum) FROM Packages)").run(); });
    const { names, warnings } = parseWarned('/var/lib/rpm/rpmdb.sqlite', content);
    expect(names).toHaveLength(headerBlobs().size - 1);
    expect(warnings).toEqual([expect.stringMatching(/^hnum \d+: the header is a text, not a blob; that package is skipped/)]);
  });

  it('ndb: a corrupt header and a broken blob are each skipped by package index; the rest is listed', () => {
    const real = [...blobs().values()];
    const [first, second, ...rest] = real;
    const file = writeNdb(new Map([[1, first ?? Buffer.alloc(0)], [2, corrupt(second ?? Buffer.alloc(0))], ...rest.map((b, i) => [i + 3, b] as [number, Buffer])]));
    const good = [first, ...rest].map((b) => nameOf(b ?? Buffer.alloc(0))).sort();
    expect(parseWarned('/var/lib/rpm/Packages.db', file)).toEqual({ names: good, warnings: [`package index 2: header claims 16777215 index entries${SKIPPED}`] });
    // The blob of package index 3 loses its "BlbS" head: rpmpkgReadBlob fails for it alone.
    const headless = Buffer.from(file);
    headless.write('XXXX', file.readUInt32LE(5 * 16 + 8) * 16, 'latin1');
    const { names, warnings } = parseWarned('/var/lib/rpm/Packages.db', headless);
    expect(names).toEqual(good.filter((n) => n !== nameOf(rest[0] ?? Buffer.alloc(0))));
    expect(warnings).toEqual([
      `package index 2: header claims 16777215 index entries${SKIPPED}`,
      `package index 3: the blob at block ${String(file.readUInt32LE(5 * 16 + 8))} lacks its "BlbS" head or names another package${SKIPPED}`,
    ]);
  });

  it('BerkeleyDB (libdb): a corrupt header inline and a broken overflow chain are each skipped by key', () => {
    const many = manyBlobs(40);
    many.set(7, corrupt(many.get(7) ?? Buffer.alloc(0)));
    const file = readFileSync(writeBdb(join(work, 'bdb-skip'), many, 512));
    const first = parseWarned('/var/lib/rpm/Packages', file);
    expect(first.names).toHaveLength(39);
    expect(first.warnings).toEqual([`key 7: header claims 16777215 index entries${SKIPPED}`]);
    // An overflow page whose chunk length no longer fits its entry: that one value is lost.
    const overflow = Array.from({ length: file.length / 512 }, (_, i) => i).find((i) => i > 0 && file[i * 512 + 25] === 7) ?? 0;
    const broken = Buffer.from(file);
    broken.writeUInt16LE(0, overflow * 512 + 22);
    const second = parseWarned('/var/lib/rpm/Packages', broken);
    expect(second.names).toHaveLength(38);
    expect(second.warnings).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^key \\d+: overflow page ${String(overflow)} holds 0 bytes, which does not fit`))]));
    expect(second.warnings).toHaveLength(2);
    // Condensing keeps such a database whole, so that the scan names the record where it sits.
    expect(rpmAnalyzer.condense?.({ path: '/var/lib/rpm/Packages', content: file })).toBe(file);
  });

  it('names at most 20 skipped records per file, then counts the rest (a hostile file can hold millions)', async () => {
    const content = edited((db) => {
      const insert = db.prepare('INSERT INTO Packages (hnum, blob) VALUES (?, ?)');
      for (let i = 0; i < 50; i++) insert.run(100_000 + i, Buffer.from('broken'));
    });
    const dir = join(work, 'skip-many');
    mkdirSync(dir);
    writeFileSync(join(dir, 'rpmdb.sqlite'), content);
    const { inventory } = await inventoryImage(`dir:${rootfsWith(join(work, 'skip-many-root'), join(dir, 'rpmdb.sqlite'))}`);
    expect(inventory.problems).toHaveLength(21);
    expect(inventory.problems.every((p) => p.code === 'analyzer-record-skipped')).toBe(true);
    expect(inventory.problems.at(-1)?.message).toBe('RPM packages (rpm database): 30 more malformed records skipped');
    expect(listed(inventory)).toEqual(rpmQa(dbDir));
  });
});

describe('RPM databases that are not trustworthy', () => {
  const parse = (content: Buffer, path = '/var/lib/rpm/rpmdb.sqlite'): string[] =>
    rpmAnalyzer.parse({ path, content }, { exists: () => false }).map((p) => p.name);

  it('names the record whose header blob is malformed (a caller not listening for skipped records gets no partial list)', () => {
    const content = edited((db) => {
      db.prepare("UPDATE Packages SET blob = X'0000000500000010' WHERE hnum = (SELECT min(hnum) FROM Packages)").run();
    });
    expect(() => parse(content)).toThrow(/^hnum \d+: header claims 5 entries and 16 data bytes but the blob has only 8 bytes$/);
  });

  it('refuses a Packages view, virtual table or computed blob column (they could produce unbounded data)', () => {
    const view = edited((db) => {
      db.exec('ALTER TABLE Packages RENAME TO Real; CREATE VIEW Packages AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i AS hnum, zeroblob(1000000) AS blob FROM n');
    });
    expect(() => parse(view)).toThrow(/Packages is a view, not a table/);
    const generated = edited((db) => {
      db.exec('DROP TABLE Packages; CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, seed INTEGER, blob BLOB GENERATED ALWAYS AS (zeroblob(seed)) VIRTUAL)');
    });
    expect(() => parse(generated)).toThrow(/computed, not stored/);
    const virtual = edited((db) => {
      db.exec("DROP TABLE Packages; CREATE VIRTUAL TABLE Packages USING fts5(hnum, blob)");
    });
    expect(() => parse(virtual)).toThrow(/virtual table/);
  });

  it('BerkeleyDB: refuses truncated files, links out of the file and page cycles', () => {
    const file = readFileSync(writeBdb(join(work, 'bdb-hostile'), manyBlobs(40), 512));
    const bdb = (content: Buffer): string[] => parse(content, '/var/lib/rpm/Packages');
    expect(bdb(file)).toHaveLength(40);
    expect(() => bdb(file.subarray(0, 2048))).toThrow(/truncated/);
    const pages = Array.from({ length: file.length / 512 }, (_, i) => i);
    const ofType = (type: number): number[] => pages.filter((i) => i > 0 && file[i * 512 + 25] === type);
    // An overflow page in the middle of a chain that links back to itself.
    const midChain = ofType(7).find((i) => file.readUInt32LE(i * 512 + 16) !== 0) ?? 0;
    const cycle = Buffer.from(file);
    cycle.writeUInt32LE(midChain, midChain * 512 + 16);
    expect(() => bdb(cycle)).toThrow(/reached twice/);
    const outside = Buffer.from(file);
    outside.writeUInt32LE(0x00ffffff, (ofType(13)[0] ?? 0) * 512 + 16);
    expect(() => bdb(outside)).toThrow(/outside pages/);
    // An overflow reference claiming 2 GiB: refused before anything is allocated.
    const huge = Buffer.from(file);
    const page = ofType(13)[0] ?? 0;
    const entries = huge.readUInt16LE(page * 512 + 20);
    const offpage = Array.from({ length: entries }, (_, i) => huge.readUInt16LE(page * 512 + 26 + i * 2)).find((o) => huge[page * 512 + o] === 3) ?? 0;
    huge.writeUInt32LE(0x80000000, page * 512 + offpage + 8);
    expect(() => bdb(huge)).toThrow(/more bytes than the file holds/);
    expect(() => bdb(Buffer.alloc(4096, 7))).toThrow(UnsupportedFormat);
    const btree = Buffer.alloc(4096);
    btree.writeUInt32LE(0x053162, 12);
    expect(() => bdb(btree)).toThrow(/is a btree, not the hash database/);
  });

  it('ndb: refuses truncated files, slot tables beyond the file, broken blobs and duplicate indexes', () => {
    const file = writeNdb(headerBlobs());
    const ndb = (content: Buffer): string[] => parse(content, '/var/lib/rpm/Packages.db');
    expect(ndb(file)).toHaveLength(6);
    expect(() => ndb(file.subarray(0, file.length - 16))).toThrow(/truncated database/);
    const pagesClaim = Buffer.from(file);
    pagesClaim.writeUInt32LE(0xffffffff, 12);
    expect(() => ndb(pagesClaim)).toThrow(/claims 4294967295 slot pages/);
    const firstBlob = file.readUInt32LE(3 * 16 + 8) * 16;
    const badHead = Buffer.from(file);
    badHead.write('XXXX', firstBlob, 'latin1');
    expect(() => ndb(badHead)).toThrow(/lacks its "BlbS" head/);
    const badLength = Buffer.from(file);
    badLength.writeUInt32LE(0x7fffffff, firstBlob + 12);
    expect(() => ndb(badLength)).toThrow(/does not fill its/);
    const duplicate = Buffer.from(file);
    duplicate.writeUInt32LE(file.readUInt32LE(3 * 16 + 4), 4 * 16 + 4);
    expect(() => ndb(duplicate)).toThrow(/two slots claim package index/);
    expect(() => ndb(Buffer.from('RpmP'))).toThrow(/bad magic/);
  });

  it('reports truncated and foreign files instead of crashing', () => {
    const real = readFileSync(join(dbDir, 'rpmdb.sqlite'));
    expect(() => parse(real.subarray(0, 8192))).toThrow(/SQLite cannot/);
    expect(() => parse(Buffer.from('not a database at all, just text'))).toThrow(/is not an rpm database format Palisade reads \(SQLite, BerkeleyDB hash or ndb\)/);
    expect(() => parse(edited((db) => { db.exec('DROP TABLE Packages'); }))).toThrow(/no Packages table/);
  });
});

describe('a database listing more packages than any distribution has', () => {
  it('is cut at 100,000 packages with a warning (the condensed form stays whole to say so), and a manifest too', () => {
    // A minimal header (NAME, VERSION, RELEASE), as a hostile database would repeat it.
    const blob = encodeHeader(new Map([[1000, { kind: 'string', value: 'p' }], [1001, { kind: 'string', value: '1' }], [1002, { kind: 'string', value: '1' }]]));
    const ndb = writeNdb(new Map(Array.from({ length: 100_005 }, (_, i) => [i + 1, blob])));
    const warnings: string[] = [];
    const warn = (m: string): void => { warnings.push(m); };
    expect(rpmAnalyzer.parse({ path: '/var/lib/rpm/Packages.db', content: ndb }, { exists: () => false, warn })).toHaveLength(100_000);
    // Condensing keeps such a database whole, so that parse still says it was cut.
    expect(rpmAnalyzer.condense?.({ path: '/var/lib/rpm/Packages.db', content: ndb })).toBe(ndb);
    const line = 'bash\t5.1.8-6.cm2\t1\t1\tMicrosoft Corporation\t(none)\t1\tx86_64\t0\tbash-5.1.8-6.cm2.src.rpm\n';
    const manifest = Buffer.from(line.repeat(100_001));
    expect(rpmAnalyzer.parse({ path: '/var/lib/rpmmanifest/container-manifest-2', content: manifest }, { exists: () => false, warn })).toHaveLength(100_000);
    expect(warnings).toEqual(Array.from({ length: 2 }, () => 'more than 100000 packages listed, more than any distribution has: the rest are not read'));
  });
});
