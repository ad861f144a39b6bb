// Vulnerability benchmark: import 300,000 generated OSV records (six per-ecosystem zips, as osv.dev
// publishes them) into a fresh store, then match 2,000 installed packages against it. Prints
// times, the store's size on disk and peak RSS; asserts nothing. Targets (issue 7): import <= 60 s,
// match <= 300 ms. Run after `npm run build` (or set PALISADE_DIST to another build directory).
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { random } from './random.mjs';

const RECORDS = 300_000;
const PACKAGES = 2_000;
const ECOSYSTEMS = [
  { osv: 'npm', installed: 'npm', type: 'SEMVER' },
  { osv: 'PyPI', installed: 'pypi', type: 'ECOSYSTEM' },
  { osv: 'Maven', installed: 'maven', type: 'ECOSYSTEM' },
  { osv: 'Go', installed: 'golang', type: 'SEMVER' },
  { osv: 'Debian:12', installed: 'deb', type: 'ECOSYSTEM' },
  { osv: 'Alpine:v3.19', installed: 'apk', type: 'ECOSYSTEM' },
];
const NAMES_PER_ECOSYSTEM = 8_000; // ~6 advisories per package, like popular packages have

function packageName(eco, i) {
  if (eco.osv === 'Maven') return `org.bench${i % 97}:artifact-${i}`;
  if (eco.osv === 'Go') return `github.com/bench/mod${i}`;
  if (eco.osv === 'npm' && i % 5 === 0) return `@scope${i % 13}/pkg-${i}`;
  return `pkg-${i}`;
}

function version(eco, major, minor, patch) {
  if (eco.osv.startsWith('Debian')) return `${major}.${minor}.${patch}-1`;
  if (eco.osv.startsWith('Alpine')) return `${major}.${minor}.${patch}-r0`;
  return `${major}.${minor}.${patch}`;
}

function record(eco, index, rnd) {
  const name = packageName(eco, Math.floor(rnd() * NAMES_PER_ECOSYSTEM));
  const major = Math.floor(rnd() * 5);
  const fixedMinor = 1 + Math.floor(rnd() * 20);
  const id = `BENCH-${eco.installed}-${index}`;
  return {
    schema_version: '1.6.0',
    id,
    modified: '2026-01-01T00:00:00Z',
    aliases: [`CVE-2026-${100000 + index}`],
    summary: `generated advisory ${index}`,
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N' }],
    affected: [
      {
        package: { ecosystem: eco.osv, name },
        ranges: [{ type: eco.type, events: [{ introduced: version(eco, major, 0, 0) }, { fixed: version(eco, major, fixedMinor, 0) }] }],
        ...(index % 10 === 0 ? { versions: [version(eco, major, 0, 0), version(eco, major, 0, 1)] } : {}),
      },
    ],
  };
}

/** A zip of deflated entries (< 65,536 entries, so no zip64 is needed). */
function writeZip(file, entries) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const body = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc32(data), 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, body);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...parts, directory, end]));
}

function generateFeeds(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rnd = random(7);
  const perEcosystem = RECORDS / ECOSYSTEMS.length;
  let bytes = 0;
  ECOSYSTEMS.forEach((eco, e) => {
    const entries = [];
    for (let i = 0; i < perEcosystem; i++) {
      const index = e * perEcosystem + i;
      entries.push({ name: `BENCH-${eco.installed}-${index}.json`, data: Buffer.from(JSON.stringify(record(eco, index, rnd))) });
    }
    const file = join(dir, `${eco.installed}-all.zip`);
    writeZip(file, entries);
    bytes += statSync(file).size;
  });
  return bytes;
}

/** 2,000 installed packages: a realistic image has both OS and language packages. */
export function installedPackages() {
  const rnd = random(11);
  const packages = [];
  for (let i = 0; i < PACKAGES; i++) {
    const eco = ECOSYSTEMS[i % ECOSYSTEMS.length];
    const n = Math.floor(rnd() * NAMES_PER_ECOSYSTEM);
    const name = packageName(eco, n);
    const v = version(eco, Math.floor(rnd() * 5), Math.floor(rnd() * 25), Math.floor(rnd() * 3));
    const installed = eco.installed === 'golang' ? `v${v}` : v;
    packages.push({
      ecosystem: eco.installed,
      name: eco.installed === 'maven' ? name.split(':')[1] : name,
      version: installed,
      purl: eco.installed === 'maven' ? `pkg:maven/${name.replace(':', '/')}@${installed}` : undefined,
      source: eco.installed === 'deb' || eco.installed === 'apk' ? { name, version: installed } : undefined,
      file: `/bench/${i}`,
    });
  }
  return packages.map((p) => Object.fromEntries(Object.entries(p).filter(([, value]) => value !== undefined)));
}

/**
 * Runs in a child process. Peak RSS is sampled here: Linux carries the parent's ru_maxrss (the
 * generator's) across fork and exec, so resourceUsage().maxRSS would report the generator.
 */
async function child(dist, feeds, store) {
  const vuln = await import(pathToFileURL(join(dist, 'vuln/index.js')).href);
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  rmSync(store, { force: true });
  let start = performance.now();
  const imported = await vuln.importAdvisories(store, feeds, { name: 'bench' });
  const importSeconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  sample();
  const packages = installedPackages();
  // The store holds Debian and Alpine records; one image has one OS, so match each OS's share apart.
  const debianImage = packages.filter((p) => p.ecosystem !== 'apk');
  const alpineImage = packages.filter((p) => p.ecosystem === 'apk');
  const matchAll = (matcher) =>
    matcher.match(debianImage, { os: { id: 'debian', versionId: '12', codename: 'bookworm' } }).matches.length +
    matcher.match(alpineImage, { os: { id: 'alpine', versionId: '3.19.1' } }).matches.length;
  start = performance.now();
  const db = vuln.openStore(store);
  const matches = matchAll(new vuln.Matcher(db));
  const coldMs = performance.now() - start;
  sample();
  start = performance.now();
  matchAll(new vuln.Matcher(db)); // a second scan against the open store (no per-scan caches survive)
  const warmMs = performance.now() - start;
  sample();
  db.close();
  return { records: imported.records, importSeconds, coldMs, warmMs, packages: packages.length, matches, storeBytes: statSync(store).size, peakRssMb: peakRss / 1e6 };
}

export async function runVulnBenchmark() {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const dist = process.env.PALISADE_DIST ?? join(root, 'dist');
  const feeds = join(root, '.bench/vuln-feeds');
  const store = join(root, '.bench/vuln-db.sqlite');
  const feedBytes = generateFeeds(feeds);
  console.log(`vuln: ${RECORDS} generated OSV records in ${ECOSYSTEMS.length} zips (${(feedBytes / 1e6).toFixed(1)} MB)`);
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), 'child', dist, feeds, store], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const r = JSON.parse(out.trim().split('\n').pop());
  const verdict = (ok) => (ok ? 'ok' : 'MISSED');
  console.log(`  import       ${r.importSeconds.toFixed(1)} s for ${r.records} records (target <= 60: ${verdict(r.importSeconds <= 60)})`);
  console.log(`  match        ${r.warmMs.toFixed(0)} ms for ${r.packages} packages, ${r.matches} findings, store open (target <= 300: ${verdict(r.warmMs <= 300)})`);
  console.log(`  cold match   ${r.coldMs.toFixed(0)} ms including opening the store and first page reads`);
  console.log(`  store size   ${(r.storeBytes / 1e6).toFixed(1)} MB on disk`);
  console.log(`  peak RSS     ${r.peakRssMb.toFixed(0)} MB (import and match, sampled every 50 ms)`);
}

if (process.argv[2] === 'child') {
  const [, , , dist, feeds, store] = process.argv;
  console.log(JSON.stringify(await child(dist, feeds, store)));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runVulnBenchmark();
}
