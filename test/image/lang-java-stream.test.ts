/**
 * Java archives over the buffering limit (Spring Boot fat jars of 100 MB and more) are read as they
 * stream instead of being skipped. Archives are built here by the JDK's jar tool (which writes the
 * sizes of deflated entries after their data, in data descriptors) and by Info-ZIP (sizes in the
 * local headers), around the real Maven-built commons-io jar from Debian.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';
import { readArchive } from '../../src/analyzers/java/archive.js';
import { readArchiveStream } from '../../src/analyzers/java/stream.js';
import { inventoryImage } from '../../src/sdk/image.js';
import { OciWriter } from './support/oci-writer.js';
import { requireTool } from './support/podman.js';

const java = ANALYZERS.find((a) => a.id === 'java') as Analyzer;
const COMMONS_IO = '/usr/share/java/commons-io-2.11.0.jar';
let work: string;
let fatJar: string;
let infoZipJar: string;

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(work, 'tree-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function chunked(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  return Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size))) as AsyncIterable<Buffer>;
}

beforeAll(() => {
  requireTool('jar');
  requireTool('zip');
  if (!existsSync(COMMONS_IO)) throw new Error(`${COMMONS_IO} is missing: run \`bash scripts/setup-images.sh\` (installs libcommons-io-java)`);
  work = mkdtempSync(join(tmpdir(), 'palisade-java-stream-'));
  const files = {
    'META-INF/maven/com.example/app/pom.properties': 'groupId=com.example\nartifactId=app\nversion=1.0.0\n',
    'BOOT-INF/lib/commons-io-2.11.0.jar': readFileSync(COMMONS_IO),
    // Incompressible filler, deflated: its data may hold the descriptor signature by chance.
    'BOOT-INF/classes/blob.bin': randomBytes(600 * 1024),
    'BOOT-INF/classes/App.class': 'x'.repeat(10_000),
  };
  const fatTree = tree(files);
  fatJar = join(work, 'app-1.0.0.jar');
  // jar (java.util.zip) writes deflated entries with their sizes in a trailing data descriptor.
  execFileSync('jar', ['--create', '--file', fatJar, '-C', fatTree, '.'], { stdio: 'pipe', timeout: 120_000 });
  infoZipJar = join(work, 'app-zip-1.0.0.jar');
  execFileSync('zip', ['-q', '-r', infoZipJar, '.'], { cwd: fatTree });
}, 180_000);

describe('java archives read as a stream', () => {
  it('finds what the in-memory reader finds, whatever the chunk size and entry framing', async () => {
    for (const archive of [fatJar, infoZipJar, COMMONS_IO]) {
      const bytes = readFileSync(archive);
      const expected = readArchive(archive, bytes);
      expect(expected.poms.length + expected.nested.length).toBeGreaterThan(0);
      for (const size of [7, 4096, 1 << 20]) {
        // Tiny chunks over 700 KB are slow: they go over the Maven jar only.
        if (size < 4096 && archive !== COMMONS_IO) continue;
        expect(await readArchiveStream(archive, chunked(bytes, size))).toEqual(expected);
      }
    }
  });

  it('refuses a truncated archive, a non-archive and an over-limit entry with a message', async () => {
    const bytes = readFileSync(fatJar);
    await expect(readArchiveStream('x.jar', chunked(bytes.subarray(0, 300 * 1024), 4096))).rejects.toThrow(/truncated/);
    await expect(readArchiveStream('x.jar', chunked(Buffer.from('not a zip at all, just text'), 4096))).rejects.toThrow(/not a zip/);
    const bomb = join(work, 'bomb.jar');
    const zeros = tree({ 'lib/zeros.jar': Buffer.alloc(80 * 1024 * 1024) });
    execFileSync('zip', ['-q', bomb, 'lib/zeros.jar'], { cwd: zeros });
    await expect(readArchiveStream(bomb, chunked(readFileSync(bomb), 65536))).rejects.toThrow(/over the limit/);
    // The same bomb with its sizes after the data (as jar writes it): caught when inflating.
    const jarBomb = join(work, 'jar-bomb.jar');
    execFileSync('jar', ['--create', '--file', jarBomb, '-C', zeros, 'lib'], { stdio: 'pipe', timeout: 120_000 });
    await expect(readArchiveStream(jarBomb, chunked(readFileSync(jarBomb), 65536))).rejects.toThrow(/over the limit/);
  });

  it('reads archives with more entries than a non-ZIP64 directory holds (shaded uber-jars)', async () => {
    // Local headers of 70,000 empty stored classes, then the pom, then the central directory start.
    const header = (name: string, data: Buffer): Buffer => {
      const fixed = Buffer.alloc(30);
      fixed.writeUInt32LE(0x04034b50, 0);
      fixed.writeUInt16LE(20, 4);
      fixed.writeUInt32LE(data.length, 18);
      fixed.writeUInt32LE(data.length, 22);
      fixed.writeUInt16LE(Buffer.byteLength(name), 26);
      return Buffer.concat([fixed, Buffer.from(name), data]);
    };
    const parts = Array.from({ length: 70_000 }, (_, i) => header(`shaded/C${i}.class`, Buffer.alloc(0)));
    parts.push(header('META-INF/maven/com.example/uber/pom.properties', Buffer.from('groupId=com.example\nartifactId=uber\nversion=3.1\n')));
    parts.push(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const meta = await readArchiveStream('uber.jar', chunked(Buffer.concat(parts), 65536));
    expect(meta.poms).toEqual(['groupId=com.example\nartifactId=uber\nversion=3.1\n']);
  });

  it('inventories a jar over the buffering limit in an image instead of skipping it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-java-stream-root-'));
    mkdirSync(join(root, 'app'));
    copyFileSync(fatJar, join(root, 'app/app-1.0.0.jar'));
    const dir = mkdtempSync(join(tmpdir(), 'palisade-java-stream-oci-'));
    const writer = new OciWriter(dir);
    writer.index([writer.image([execFileSync('tar', ['-C', root, '-cf', '-', 'app'], { maxBuffer: 64 * 1024 * 1024 })])]);
    // A 256 KiB buffering limit makes the ~700 KB jar "too large", as a 100 MB one is by default.
    const result = await inventoryImage(`oci:${dir}`, { limits: { maxBufferedFileBytes: 256 * 1024 } });
    expect(result.inventory.problems).toEqual([]);
    const whole = java.parse({ path: '/app/app-1.0.0.jar', content: readFileSync(fatJar) }, { exists: () => false }).map((p) => p.purl);
    expect(whole).toEqual(['pkg:maven/com.example/app@1.0.0', 'pkg:maven/commons-io/commons-io@2.11.0']);
    expect(result.inventory.packages.map((p) => p.purl)).toEqual([...whole].sort());
  });
});
