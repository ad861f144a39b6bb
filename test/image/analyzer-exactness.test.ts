/**
 * Analyzer results checked against what each package manager itself reports (issue 6: the SBOM
 * lists exactly the installed packages, under purls a user can compare with Syft and Trivy).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';
import { stdlibVersion } from '../../src/analyzers/go/toolchain.js';
import { inventoryImage } from '../../src/sdk/image.js';

const context = { os: { id: 'debian', versionId: '12' }, exists: () => false };

function analyzer(id: string): Analyzer {
  const found = ANALYZERS.find((a) => a.id === id);
  if (found === undefined) throw new Error(`no analyzer ${id}`);
  return found;
}

function purls(id: string, path: string, content: string | Buffer): string[] {
  const a = analyzer(id);
  expect(a.matches(path, 0o644)).toBe(true);
  return a.parse({ path, content: Buffer.isBuffer(content) ? content : Buffer.from(content) }, context).map((p) => p.purl);
}

describe('dpkg: what dpkg-query lists as present', () => {
  it('keeps packages whose files are on disk (triggers pending, unpacked) and drops removed ones', () => {
    const stanza = (name: string, status: string): string => `Package: ${name}\nStatus: ${status}\nArchitecture: amd64\nVersion: 1.0\n`;
    const status = [
      stanza('installed', 'install ok installed'),
      stanza('held', 'hold ok installed'),
      stanza('pending', 'install ok triggers-pending'),
      stanza('awaited', 'install ok triggers-awaited'),
      stanza('unpacked', 'install ok unpacked'),
      stanza('configuring', 'install ok half-configured'),
      stanza('removed', 'deinstall ok config-files'),
      stanza('purged', 'purge ok not-installed'),
      stanza('broken', 'install reinstreq half-installed'),
    ].join('\n');
    expect(purls('dpkg', '/var/lib/dpkg/status', status).map((p) => /deb\/debian\/([^@]+)@/.exec(p)?.[1])).toEqual(['installed', 'held', 'pending', 'awaited', 'unpacked', 'configuring']);
  });

  it('lists a multi-arch package once per architecture', () => {
    const status = 'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nMulti-Arch: same\nVersion: 2.36-9\n\nPackage: libc6\nStatus: install ok installed\nArchitecture: i386\nMulti-Arch: same\nVersion: 2.36-9\n';
    expect(purls('dpkg', '/var/lib/dpkg/status', status)).toEqual(['pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12', 'pkg:deb/debian/libc6@2.36-9?arch=i386&distro=debian-12']);
  });
});

describe('npm lock files', () => {
  it('v1: an alias ("npm:real@1.0.0") is the real package at its version', () => {
    const lock = JSON.stringify({
      lockfileVersion: 1,
      dependencies: {
        'string-width-cjs': { version: 'npm:string-width@4.2.3', resolved: 'https://registry.npmjs.org/string-width/-/string-width-4.2.3.tgz' },
        'my-scoped': { version: 'npm:@types/node@20.1.0' },
        lodash: { version: '4.17.21' },
      },
    });
    expect(purls('npm-lock', '/app/package-lock.json', lock)).toEqual(['pkg:npm/string-width@4.2.3', 'pkg:npm/%40types/node@20.1.0', 'pkg:npm/lodash@4.17.21']);
  });

  it('v3: keys outside node_modules without a name (workspaces, file: links) never give a nameless package', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { name: 'root', version: '1.0.0', workspaces: ['packages/*'] },
        'packages/tools': { version: '2.0.0' },
        'packages/named': { name: '@corp/named', version: '3.0.0' },
        'node_modules/@corp/named': { resolved: 'packages/named', link: true },
        'node_modules/a/node_modules/b': { version: '1.2.3' },
        'node_modules/alias': { name: 'real', version: '5.0.0' },
      },
    });
    const found = purls('npm-lock', '/app/package-lock.json', lock);
    expect(found).toEqual(['pkg:npm/tools@2.0.0', 'pkg:npm/%40corp/named@3.0.0', 'pkg:npm/b@1.2.3', 'pkg:npm/real@5.0.0']);
  });
});

describe('java: a jar that shades other libraries is still itself a package', () => {
  function zip(files: Record<string, string>): Buffer {
    const work = mkdtempSync(join(tmpdir(), 'palisade-h4-jar-'));
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(work, name)), { recursive: true });
      writeFileSync(join(work, name), content);
    }
    execFileSync('zip', ['-q', '-r', 'out.jar', ...Object.keys(files)], { cwd: work });
    return readFileSync(join(work, 'out.jar'));
  }

  it('a Gradle-built jar with a shaded Maven library lists both', () => {
    const jar = zip({
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\nImplementation-Title: corp-client\nImplementation-Version: 4.2.0\n\n',
      'META-INF/maven/com.google.guava/guava/pom.properties': 'groupId=com.google.guava\nartifactId=guava\nversion=31.1-jre\n',
    });
    expect(purls('java', '/app/lib/corp-client-4.2.0.jar', jar).sort()).toEqual(['pkg:maven/com.google.guava/guava@31.1-jre', 'pkg:maven/corp-client@4.2.0']);
  });

  it('a jar whose own pom.properties matches its file name is not listed twice', () => {
    const jar = zip({
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\nImplementation-Version: 2.15.2\n\n',
      'META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties': 'groupId=com.fasterxml.jackson.core\nartifactId=jackson-databind\nversion=2.15.2\n',
      'META-INF/maven/org.example/shaded/pom.properties': 'groupId=org.example\nartifactId=shaded\nversion=1.0\n',
    });
    expect(purls('java', '/app/lib/jackson-databind-2.15.2.jar', jar).sort()).toEqual(['pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2', 'pkg:maven/org.example/shaded@1.0']);
  });
});

describe('go: the toolchain as the stdlib module version vulnerability data uses', () => {
  it('maps Go release tags to semantic versions as golang.org/x/vuln does', () => {
    expect(['go1.21.5', 'go1.22.0 X:loopvar', 'go1.20', 'go1.21rc2', 'go1.20beta1', 'devel go1.23-abc123'].map(stdlibVersion)).toEqual(['v1.21.5', 'v1.22.0', 'v1.20.0', 'v1.21.0-rc.2', 'v1.20.0-beta.1', undefined]);
  });
});

describe('python: every layout pip and setuptools install', () => {
  it('reads an unzipped egg (NAME-VER-pyX.Y.egg/EGG-INFO/PKG-INFO) as Trivy and Syft do, never a test fixture', () => {
    const path = '/usr/local/lib/python3.8/site-packages/Foo_Bar-1.0-py3.8.egg/EGG-INFO/PKG-INFO';
    expect(purls('python', path, 'Metadata-Version: 1.1\nName: Foo_Bar\nVersion: 1.0\n')).toEqual(['pkg:pypi/foo-bar@1.0']);
    expect(analyzer('python').matches('/usr/lib/python3/dist-packages/pkg_resources/tests/data/my-test-package_unpacked-egg/my_test_package-1.0-py3.7.egg/EGG-INFO/PKG-INFO', 0o644)).toBe(false);
  });
});

describe('through the image reader (dir: root file system)', () => {
  it('inventories the layouts fixed above with their files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-h4-root-'));
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('etc/os-release', 'ID=debian\nVERSION_ID=12\n');
    write('var/lib/dpkg/status', 'Package: tzdata\nStatus: install ok triggers-pending\nArchitecture: all\nVersion: 2024a-0+deb12u1\n\nPackage: old\nStatus: deinstall ok config-files\nVersion: 1\n');
    write('app/package-lock.json', JSON.stringify({ lockfileVersion: 1, dependencies: { x: { version: 'npm:@s/y@2.0.0' } } }));
    write('usr/local/lib/python3.8/site-packages/Foo-1.0-py3.8.egg/EGG-INFO/PKG-INFO', 'Name: Foo\nVersion: 1.0\n');
    const { inventory } = await inventoryImage(`dir:${root}`);
    expect(inventory.packages.map((p) => [p.purl, p.file])).toEqual([
      ['pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12', '/var/lib/dpkg/status'],
      ['pkg:npm/%40s/y@2.0.0', '/app/package-lock.json'],
      ['pkg:pypi/foo@1.0', '/usr/local/lib/python3.8/site-packages/Foo-1.0-py3.8.egg/EGG-INFO/PKG-INFO'],
    ]);
    expect(inventory.problems).toEqual([]);
  });
});
