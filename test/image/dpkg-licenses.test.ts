/**
 * dpkg licences from machine-readable copyright files: the format rules on inline fixtures, then
 * the real debootstrap root file system that scripts/setup-images.sh caches, where every package
 * whose copyright file declares the DEP-5 format gets its licences and the others get none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dep5Licenses } from '../../src/analyzers/dep5.js';
import { inventoryImage } from '../../src/sdk/image.js';

const ROOTFS = join(process.env.PALISADE_IMAGE_CACHE ?? '/var/cache/palisade-images', 'bookworm-minbase');

describe('DEP-5 copyright files', () => {
  it('takes the short names of Files paragraphs, splitting and/or expressions', () => {
    const text = [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      'Upstream-Name: x',
      '',
      'Files: *',
      'Copyright: 2001 A',
      'License: GPL-2+ or Artistic',
      '',
      'Files: lib/*',
      'Copyright: 2002 B',
      'License: LGPL-2.1+',
      ' The full text follows',
      ' on continuation lines.',
      '',
      'Files: debian/*',
      'License: GPL-2+',
      '',
      'License: Artistic',
      ' Stand-alone text of a licence already named.',
      '',
    ].join('\n');
    expect(dep5Licenses(Buffer.from(text))).toEqual(['GPL-2+', 'Artistic', 'LGPL-2.1+']);
    expect(dep5Licenses(Buffer.from('This package was debianized by someone.\n\nLicense: GPL\n'))).toEqual([]);
  });

  it.skipIf(!existsSync(ROOTFS))('gives the packages of a real Debian root file system their declared licences', async () => {
    const { inventory } = await inventoryImage(`dir:${ROOTFS}`);
    const debs = inventory.packages.filter((p) => p.ecosystem === 'deb');
    expect(debs.length).toBeGreaterThan(80);
    for (const p of debs) {
      const file = join(ROOTFS, 'usr/share/doc', p.name, 'copyright');
      const dep5 = existsSync(file) && /^Format: .*copyright-format\/1\.0/m.test(readFileSync(file, 'utf8').split('\n\n')[0] ?? '');
      expect(p.licenses.length > 0, `${p.name}: ${p.licenses.join(', ')}`).toBe(dep5);
    }
    const licenses = new Map(debs.map((p) => [p.name, p.licenses]));
    expect(licenses.get('bash')).toContain('GPL-3+');
    expect(licenses.get('coreutils')).toContain('GPL-3+');
  });
});
if (!existsSync(ROOTFS)) console.warn(`dpkg-licenses: ${ROOTFS} is absent (run scripts/setup-images.sh); the real root file system check is skipped`);
