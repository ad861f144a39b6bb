/**
 * Python licences from trove classifiers, with METADATA headers as real distributions publish them
 * (requests, psycopg2, chardet, a package with only the "OSI Approved" category, sqlparse): SPDX
 * ids where a classifier names exactly one licence, so SBOMs carry `license.id` that licence
 * policies (Dependency-Track, GUAC) match, and the classifier text where it names none exactly.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';
import { licensesFromClassifiers } from '../../src/analyzers/licenses.js';
import { inventoryImage, renderSbom } from '../../src/sdk/image.js';

const python = ANALYZERS.find((a) => a.id === 'python') as Analyzer;

const METADATA: Record<string, string> = {
  'requests-2.31.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache 2.0\nClassifier: Intended Audience :: Developers\nClassifier: License :: OSI Approved :: Apache Software License\n\n',
  'psycopg2-2.9.9.dist-info/METADATA': 'Metadata-Version: 2.1\nName: psycopg2\nVersion: 2.9.9\nLicense: LGPL with exceptions\nClassifier: License :: OSI Approved :: GNU Library or Lesser General Public License (LGPL)\n\n',
  'chardet-5.2.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: chardet\nVersion: 5.2.0\nLicense: LGPL\nClassifier: License :: OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)\n\n',
  'idna-3.6.dist-info/METADATA': 'Metadata-Version: 2.1\nName: idna\nVersion: 3.6\nClassifier: License :: OSI Approved\nClassifier: License :: OSI Approved :: BSD License\n\n',
  'attrs-23.2.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: attrs\nVersion: 23.2.0\nClassifier: License :: OSI Approved :: MIT License \nClassifier: License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)\n\n',
};

function licenses(file: string): readonly string[] | undefined {
  return python.parse({ path: `/usr/lib/python3/site-packages/${file}`, content: Buffer.from(METADATA[file] ?? '') }, { exists: () => false })[0]?.licenses;
}

describe('Python licences from trove classifiers', () => {
  it('names the SPDX licence a classifier names exactly', () => {
    expect(licenses('attrs-23.2.0.dist-info/METADATA')).toEqual(['MIT', 'MPL-2.0']);
    expect(licensesFromClassifiers(['License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)', 'License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication']))
      .toEqual(['GPL-2.0-or-later', 'CC0-1.0']);
  });

  it('keeps a classifier that names no version or two licences as written, and drops bare categories', () => {
    expect(licenses('requests-2.31.0.dist-info/METADATA')).toEqual(['Apache Software License']);
    expect(licenses('psycopg2-2.9.9.dist-info/METADATA')).toEqual(['GNU Library or Lesser General Public License (LGPL)']);
    // LGPLv2 may be the Library GPL 2.0 or the Lesser GPL 2.1.
    expect(licenses('chardet-5.2.0.dist-info/METADATA')).toEqual(['GNU Lesser General Public License v2 or later (LGPLv2+)']);
    expect(licenses('idna-3.6.dist-info/METADATA')).toEqual(['BSD License']);
    expect(licensesFromClassifiers(['License :: OSI Approved', 'Programming Language :: Python'])).toEqual([]);
  });

  it('prefers a License field written as SPDX to vaguer classifiers', () => {
    const parse = (text: string): readonly string[] | undefined => python.parse({ path: '/usr/lib/python3/dist-packages/x-1.dist-info/METADATA', content: Buffer.from(`Metadata-Version: 2.1\nName: x\nVersion: 1\n${text}\n`) }, { exists: () => false })[0]?.licenses;
    // cryptography's and pyasn1's headers.
    expect(parse('License: Apache-2.0 OR BSD-3-Clause\nClassifier: License :: OSI Approved :: Apache Software License\nClassifier: License :: OSI Approved :: BSD License')).toEqual(['Apache-2.0 OR BSD-3-Clause']);
    expect(parse('License: BSD-2-Clause\nClassifier: License :: OSI Approved :: BSD License')).toEqual(['BSD-2-Clause']);
    // A family name is no SPDX id: the classifier says as much or more.
    expect(parse('License: BSD\nClassifier: License :: OSI Approved :: BSD License')).toEqual(['BSD License']);
    expect(parse('License: LGPL\nClassifier: License :: OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)')).toEqual(['GNU Lesser General Public License v2 or later (LGPLv2+)']);
    expect(parse('License: Apache License 2.0\nClassifier: License :: OSI Approved :: Apache Software License')).toEqual(['Apache Software License']);
    // Classifiers that all name SPDX licences are as precise.
    expect(parse('License: MIT\nClassifier: License :: OSI Approved :: MIT License\nClassifier: License :: OSI Approved :: ISC License (ISCL)')).toEqual(['MIT', 'ISC']);
  });

  it('gives CycloneDX licence ids for them', async () => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-pylicenses-'));
    for (const [file, text] of Object.entries(METADATA)) {
      const path = join(root, 'usr/lib/python3/site-packages', file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    const { inventory } = await inventoryImage(`dir:${root}`);
    const bom = JSON.parse(renderSbom(inventory, 'cyclonedx')) as { components: { name: string; licenses?: { license: { id?: string; name?: string } }[] }[] };
    const attrs = bom.components.find((c) => c.name === 'attrs');
    expect(attrs?.licenses?.map((l) => l.license)).toEqual([{ id: 'MIT' }, { id: 'MPL-2.0' }]);
  });
});
