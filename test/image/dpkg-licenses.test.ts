/**
 * dpkg licences from machine-readable copyright files: the format rules on inline fixtures, then
 * the real debootstrap root file system that scripts/setup-images.sh caches, where every package
 * whose copyright file declares the DEP-5 format gets its licences and the others get none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dep5Licenses } from '../../src/analyzers/dep5.js';
import { debianLicenseToSpdx } from '../../src/analyzers/dep5-spdx.js';
import { isKnownSpdxId, isSpdxExpression } from '../../src/writers/spdx/license-ids.js';
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
    // As SPDX identifiers where they have one; a bare Artistic (which version?) stays a name.
    expect(dep5Licenses(Buffer.from(text))).toEqual(['GPL-2.0-or-later', 'Artistic', 'LGPL-2.1-or-later']);
    expect(dep5Licenses(Buffer.from('This package was debianized by someone.\n\nLicense: GPL\n'))).toEqual([]);
  });

  it('spells Debian short names as SPDX identifiers only where the meaning is exact', () => {
    const cases: [string, string][] = [
      ['GPL-2', 'GPL-2.0-only'], ['GPL-2+', 'GPL-2.0-or-later'], ['GPL-2.0+', 'GPL-2.0-or-later'], ['GPLv3+', 'GPL-3.0-or-later'],
      ['LGPL-2', 'LGPL-2.0-only'], ['LGPL-2.1+', 'LGPL-2.1-or-later'], ['LGPLv2.1+', 'LGPL-2.1-or-later'], ['AGPL-3+', 'AGPL-3.0-or-later'],
      ['GFDL-1.3+', 'GFDL-1.3-or-later'], ['GFDL-NIV-1.3', 'GFDL-1.3-no-invariants-only'],
      ['BSD-3-clause', 'BSD-3-Clause'], ['Expat', 'MIT'], ['Apache-2', 'Apache-2.0'], ['zlib', 'Zlib'], ['ZLIB', 'Zlib'], ['PSF-2', 'PSF-2.0'],
      ['GPL-2+ with Texinfo exception', 'GPL-2.0-or-later WITH Texinfo-exception'],
      ['GPL-3+ with Autoconf exception', 'GPL-3.0-or-later WITH Autoconf-exception-3.0'],
      ['GPL-2 with Linux-syscall-note exception', 'GPL-2.0-only WITH Linux-syscall-note'],
      // No exact counterpart: kept as written, never guessed.
      ['GPL', 'GPL'], ['LGPL', 'LGPL'], ['Artistic', 'Artistic'], ['public-domain', 'public-domain'], ['GPL-4+', 'GPL-4+'],
      ['LGPL-2.2', 'LGPL-2.2'], ['GPL-3+ with OpenSSL exception', 'GPL-3+ with OpenSSL exception'], ['BSD-tcp_wrappers', 'BSD-tcp_wrappers'],
    ];
    for (const [debian, spdx] of cases) expect(debianLicenseToSpdx(debian), debian).toBe(spdx);
    // Every identifier it gives is one the SPDX licence list knows.
    for (const [, spdx] of cases.filter(([debian, spdx]) => debian !== spdx)) expect(isKnownSpdxId(spdx) || isSpdxExpression(spdx), spdx).toBe(true);
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
    expect(licenses.get('bash')).toContain('GPL-3.0-or-later');
    expect(licenses.get('coreutils')).toContain('GPL-3.0-or-later');
  });
});
if (!existsSync(ROOTFS)) console.warn(`dpkg-licenses: ${ROOTFS} is absent (run scripts/setup-images.sh); the real root file system check is skipped`);
