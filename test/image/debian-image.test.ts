/**
 * A real Debian image: the debootstrap root file system that scripts/setup-images.sh caches, added
 * as the base layer, plus a layer that installs a .deb with dpkg inside the container. The
 * inventory must list exactly what the image's own `dpkg-query -W` reports.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryImage, renderSbom, type Inventory } from '../../src/sdk/index.js';
import { type Podman, startPodman } from './support/podman.js';
import { sbomValidators } from './support/sbom-schemas.js';

const CACHE = process.env.PALISADE_IMAGE_CACHE ?? '/var/cache/palisade-images';
const ROOTFS = join(CACHE, 'bookworm-minbase');
const TAG = 'localhost/palisade-debian:1';
let podman: Podman;
let archive: string;
let dockerArchive: string;
let debVersion: string;

function installed(queryOutput: string): Set<string> {
  return new Set(queryOutput.split('\n').filter((l) => l.startsWith('installed\t')).map((l) => l.split('\t').slice(1).join('@')));
}
const FORMAT = '${db:Status-Status}\t${Package}\t${Version}\n';

const scans = new Map<string, Promise<Inventory>>();
/** Each export is scanned once and shared by the tests. */
function scan(target: string): Promise<Inventory> {
  let found = scans.get(target);
  if (found === undefined) {
    found = inventoryImage(target).then((r) => r.inventory);
    scans.set(target, found);
  }
  return found;
}

function debSet(inventory: Inventory): Set<string> {
  return new Set(inventory.packages.filter((p) => p.ecosystem === 'deb').map((p) => `${p.name}@${p.version}`));
}

beforeAll(() => {
  if (!existsSync(join(ROOTFS, 'var/lib/dpkg/status'))) {
    throw new Error(`no Debian root file system at ${ROOTFS}: run \`bash scripts/setup-images.sh\` (debootstrap) first`);
  }
  const deb = readdirSync(CACHE).find((f) => f.startsWith('busybox-static_') && f.endsWith('.deb'));
  if (deb === undefined) throw new Error(`no busybox-static .deb in ${CACHE}: run \`bash scripts/setup-images.sh\``);
  debVersion = execFileSync('dpkg-deb', ['-f', join(CACHE, deb), 'Version'], { encoding: 'utf8' }).trim();
  podman = startPodman();
  const context = mkdtempSync(join(podman.dir, 'ctx-'));
  execFileSync('tar', ['-C', ROOTFS, '-cf', join(context, 'rootfs.tar'), '.']);
  copyFileSync(join(CACHE, deb), join(context, 'busybox-static.deb'));
  writeFileSync(join(context, 'Containerfile'), [
    'FROM scratch',
    'ADD rootfs.tar /',
    'COPY busybox-static.deb /tmp/busybox-static.deb',
    'RUN ["/bin/sh", "-c", "dpkg -i /tmp/busybox-static.deb && rm /tmp/busybox-static.deb"]',
    '',
  ].join('\n'));
  podman.build(context, TAG);
  archive = podman.save(TAG, 'oci-archive');
  dockerArchive = podman.save(TAG, 'docker-archive');
  // The build copies a ~200 MB root file system several times (vfs store): allow for slow CI disks.
}, 400_000);

afterAll(() => {
  podman.cleanup();
});

describe('Debian image', () => {
  it('lists exactly what the image\'s own dpkg-query reports (100% precision and recall)', async () => {
    const expected = installed(podman.run(['run', '--rm', '--network', 'none', TAG, 'dpkg-query', '-W', '-f', FORMAT]));
    expect(expected.size).toBeGreaterThan(80);
    expect(expected.has(`busybox-static@${debVersion}`)).toBe(true);
    for (const target of [`oci-archive:${archive}`, `docker-archive:${dockerArchive}`]) {
      const inventory = await scan(target);
      const actual = debSet(inventory);
      expect([...actual].filter((p) => !expected.has(p))).toEqual([]);
      expect([...expected].filter((p) => !actual.has(p))).toEqual([]);
    }
  });

  it('detects the OS and writes spec-correct purls with source packages', async () => {
    const inventory = await scan(`oci-archive:${archive}`);
    expect(inventory.os).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm' });
    const libc = inventory.packages.find((p) => p.name === 'libc6');
    expect(libc?.source?.name).toBe('glibc');
    expect(libc?.purl).toBe(`pkg:deb/debian/libc6@${encodeURIComponent(libc?.version ?? '').replace(/\+/g, '%2B')}?arch=amd64&distro=debian-12`);
    expect(libc?.file).toBe('/var/lib/dpkg/status');
  });

  it('credits each package to the layer that installed it', async () => {
    const inventory = await scan(`oci-archive:${archive}`);
    const layers = inventory.image?.layers ?? [];
    expect(layers).toHaveLength(3);
    expect(inventory.packages.find((p) => p.name === 'busybox-static')?.layer).toBe(layers[2]?.digest);
    expect(inventory.packages.find((p) => p.name === 'libc6')?.layer).toBe(layers[0]?.digest);
  });

  it('reads the same root file system as a directory (dir:)', async () => {
    const expected = installed(execFileSync('dpkg-query', ['-W', '-f', FORMAT, `--admindir=${join(ROOTFS, 'var/lib/dpkg')}`], { encoding: 'utf8' }));
    const { inventory } = await inventoryImage(`dir:${ROOTFS}`);
    expect(debSet(inventory)).toEqual(expected);
    expect(inventory.packages.every((p) => p.layer === undefined)).toBe(true);
  });

  it('writes schema-valid SBOMs for the image', async () => {
    const validators = sbomValidators();
    if (validators === undefined) {
      console.warn('skipping SBOM schema validation: ../shared/testdata/supply-chain/sbom is absent');
      return;
    }
    const inventory = await scan(`oci-archive:${archive}`);
    for (const format of ['cyclonedx', 'spdx'] as const) {
      expect(validators[format](JSON.parse(renderSbom(inventory, format, { now: () => new Date(0) })))).toEqual([]);
    }
  });
});
