/**
 * OS package databases where real images keep them, read as Trivy, Syft and grype do.
 */
import { describe, expect, it } from 'vitest';
import { ANALYZERS } from '../../src/analyzers/index.js';
import { parseHeaders } from '../../src/analyzers/stanzas.js';
import { inventoryImage } from '../../src/sdk/image.js';
import { rootfsMaker } from './support/rootfs.js';

const rootfs = rootfsMaker();

const WOLFI_OS_RELEASE = 'ID=wolfi\nNAME="Wolfi"\nPRETTY_NAME="Wolfi"\nVERSION_ID="20230201"\nHOME_URL="https://wolfi.dev"\n';
const apkRecord = (name: string, version: string, origin: string): string =>
  `C:Q1abc=\nP:${name}\nV:${version}\nA:x86_64\nS:1\nI:1\nT:x\nU:https://example.org\nL:MIT\no:${origin}\nm:Wolfi\nt:1700000000\nc:deadbeef\nF:usr/lib\nR:lib${name}.so\n\n`;

describe('apk: the database of usr-merged Wolfi and Chainguard images', () => {
  it('reads /usr/lib/apk/db/installed when /lib is a link to usr/lib (apko since 2025)', async () => {
    const root = rootfs({
      '/etc/os-release': WOLFI_OS_RELEASE,
      '/usr/lib/apk/db/installed': apkRecord('glibc', '2.42-r1', 'glibc') + apkRecord('ca-certificates-bundle', '20250911-r0', 'ca-certificates'),
    }, { '/lib': 'usr/lib' });
    const { inventory } = await inventoryImage(`dir:${root}`);
    expect(inventory.packages.map((p) => [p.purl, p.file, p.source])).toEqual([
      ['pkg:apk/wolfi/ca-certificates-bundle@20250911-r0?arch=x86_64&distro=wolfi-20230201', '/usr/lib/apk/db/installed', { name: 'ca-certificates', version: '20250911-r0' }],
      ['pkg:apk/wolfi/glibc@2.42-r1?arch=x86_64&distro=wolfi-20230201', '/usr/lib/apk/db/installed', { name: 'glibc', version: '2.42-r1' }],
    ]);
  });

  it('uses /lib/apk/db/installed when both are real files, as apk-tools 3 does, never counting packages twice', async () => {
    const root = rootfs({
      '/etc/os-release': 'ID=alpine\nVERSION_ID=3.23.0\n',
      '/lib/apk/db/installed': apkRecord('musl', '1.2.5-r10', 'musl'),
      '/usr/lib/apk/db/installed': apkRecord('musl', '1.2.4-r0', 'musl'),
    });
    const { inventory } = await inventoryImage(`dir:${root}`);
    expect(inventory.packages.map((p) => [p.name, p.version, p.file])).toEqual([['musl', '1.2.5-r10', '/lib/apk/db/installed']]);
  });
});

describe('hostile package databases: bounded work and memory', () => {
  const warnings: string[] = [];
  const context = { exists: () => false, read: () => undefined, warn: (message: string) => { warnings.push(message); } };

  it('a dpkg status or apk database listing more packages than any distribution has is cut at 100,000, and says so', () => {
    const dpkg = ANALYZERS.find((a) => a.id === 'dpkg');
    const apk = ANALYZERS.find((a) => a.id === 'apk');
    if (dpkg === undefined || apk === undefined) throw new Error('analyzers missing');
    warnings.length = 0;
    const status = Buffer.from(Array.from({ length: 150_000 }, (_, i) => `Package: p${String(i)}\nVersion: 1\nStatus: install ok installed\n`).join('\n'));
    expect(dpkg.parse({ path: '/var/lib/dpkg/status', content: status }, context)).toHaveLength(100_000);
    const installed = Buffer.from(Array.from({ length: 150_000 }, (_, i) => `P:p${String(i)}\nV:1\n`).join('\n'));
    expect(apk.parse({ path: '/lib/apk/db/installed', content: installed }, context)).toHaveLength(100_000);
    expect(warnings).toEqual([
      'more than 100000 packages listed, more than any distribution has: the rest are not read',
      'more than 100000 packages listed, more than any distribution has: the rest are not read',
    ]);
  });

  it('a stanza of a million fields keeps only the fields dpkg reads', () => {
    const dpkg = ANALYZERS.find((a) => a.id === 'dpkg');
    const status = Buffer.from(`Package: a\nVersion: 1\nStatus: install ok installed\n${'X-Field: y\n'.repeat(1_000_000)}\nPackage: b\nVersion: 2\nStatus: install ok installed\n`);
    expect(dpkg?.parse({ path: '/var/lib/dpkg/status', content: status }, context).map((p) => p.name)).toEqual(['a', 'b']);
  });
});

describe('dpkg fields left out', () => {
  it('a continuation line of a field not read is not taken for a field, even with a colon in it', () => {
    const dpkg = ANALYZERS.find((a) => a.id === 'dpkg');
    const status = Buffer.from('Package: real\nStatus: install ok installed\nDescription: a tool\n Package: fake\n Version: 9: see http://x\nVersion: 1.0\n');
    expect(dpkg?.parse({ path: '/var/lib/dpkg/status', content: status }, { exists: () => false }).map((p) => [p.name, p.version])).toEqual([['real', '1.0']]);
  });
});

describe('hostile package metadata headers', () => {
  it('keeps at most 1,000 values of one repeated header (a 63 MB METADATA of classifiers took 376 MB)', () => {
    const headers = parseHeaders(`Name: x\nVersion: 1\n${'Classifier: Topic :: y\n'.repeat(5000)}Summary: s\n\nbody`);
    expect(headers.get('classifier')).toHaveLength(1000);
    expect([headers.get('name'), headers.get('summary')]).toEqual([['x'], ['s']]);
  });
});
