/**
 * Java licences from the OSGi Bundle-License header, with values as published jars write them
 * (jackson, ASM, Guava-style quoted names with links, JUnit's two licences, and names whose comma
 * the producer left unquoted): SPDX ids where the header names one, the text otherwise, and only
 * on the archive's own package, never on libraries shaded into it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';
import { licensesFromBundleLicense } from '../../src/analyzers/licenses.js';
import { requireTool } from './support/podman.js';

const java = ANALYZERS.find((a) => a.id === 'java') as Analyzer;

describe('Bundle-License', () => {
  it('gives SPDX ids for ids and for licence URLs that name one licence', () => {
    expect(licensesFromBundleLicense('https://www.apache.org/licenses/LICENSE-2.0.txt')).toEqual(['Apache-2.0']);
    expect(licensesFromBundleLicense('http://www.apache.org/licenses/LICENSE-2.0')).toEqual(['Apache-2.0']);
    expect(licensesFromBundleLicense('BSD-3-Clause;link=https://asm.ow2.io/LICENSE.txt')).toEqual(['BSD-3-Clause']);
    expect(licensesFromBundleLicense('"Apache-2.0";link="https://www.apache.org/licenses/LICENSE-2.0.txt"')).toEqual(['Apache-2.0']);
    expect(licensesFromBundleLicense('"Apache 2.0";link="http://www.apache.org/licenses/LICENSE-2.0.txt"')).toEqual(['Apache-2.0']);
    expect(licensesFromBundleLicense('https://opensource.org/licenses/BSD-2-Clause;description=BSD 2-Clause License')).toEqual(['BSD-2-Clause']);
    expect(licensesFromBundleLicense('https://www.eclipse.org/legal/epl-2.0/, https://www.apache.org/licenses/LICENSE-2.0')).toEqual(['EPL-2.0', 'Apache-2.0']);
  });

  it('keeps names it cannot map, whole even when their comma is unquoted, and drops <<EXTERNAL>>', () => {
    expect(licensesFromBundleLicense('The Apache License, Version 2.0')).toEqual(['The Apache License, Version 2.0']);
    expect(licensesFromBundleLicense('Eclipse Public License, Version 2.0;link="https://www.eclipse.org/legal/epl-v20.html"')).toEqual(['EPL-2.0']);
    expect(licensesFromBundleLicense('https://jsoup.org/license')).toEqual(['https://jsoup.org/license']);
    expect(licensesFromBundleLicense('<<EXTERNAL>>')).toEqual([]);
  });

  it('puts the licence on the archive own package only', () => {
    requireTool('zip');
    const tree = mkdtempSync(join(tmpdir(), 'palisade-java-licenses-'));
    const files: Record<string, string> = {
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\nBundle-License: https://www.apache.org/licenses/LICENSE-2.0.txt\r\nBundle-SymbolicName: com.example.tool\r\n\r\n',
      'META-INF/maven/com.example/tool/pom.properties': 'groupId=com.example\nartifactId=tool\nversion=2.0.0\n',
      'META-INF/maven/org.shaded/lib/pom.properties': 'groupId=org.shaded\nartifactId=lib\nversion=1.1\n',
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(tree, name)), { recursive: true });
      writeFileSync(join(tree, name), text);
    }
    execFileSync('zip', ['-q', '-r', 'tool-2.0.0.jar', 'META-INF'], { cwd: tree });
    const found = java.parse({ path: '/app/tool-2.0.0.jar', content: readFileSync(join(tree, 'tool-2.0.0.jar')) }, { exists: () => false });
    expect(found.map((p) => [p.purl, p.licenses])).toEqual([
      ['pkg:maven/com.example/tool@2.0.0', ['Apache-2.0']],
      ['pkg:maven/org.shaded/lib@1.1', []],
    ]);
  });
});
