/** Each analyzer on small real-format fixtures (inline: the formats are short and the expectation sits beside them). */
import { describe, expect, it } from 'vitest';
import { ANALYZERS, parseOsRelease, takeInventory, type Analyzer } from '../../src/analyzers/index.js';

const context = { os: { id: 'alpine', versionId: '3.19.1' }, exists: () => false };

function analyzer(id: string): Analyzer {
  const found = ANALYZERS.find((a) => a.id === id);
  if (found === undefined) throw new Error(`no analyzer ${id}`);
  return found;
}

function parse(id: string, path: string, text: string): unknown[] {
  const a = analyzer(id);
  expect(a.matches(path, 0o644)).toBe(true);
  return a.parse({ path, content: Buffer.from(text) }, context).map((p) => ({ name: p.name, version: p.version, purl: p.purl, licenses: p.licenses, ...(p.source === undefined ? {} : { source: p.source }) }));
}

describe('analyzers', () => {
  it('os-release: quoting and fields', () => {
    expect(parseOsRelease('PRETTY_NAME="Alpine Linux v3.19"\nID=alpine\nVERSION_ID=3.19.1\n# comment\n')).toEqual({ id: 'alpine', versionId: '3.19.1', prettyName: 'Alpine Linux v3.19' });
    expect(parseOsRelease('NAME=x\n')).toBeUndefined();
  });

  it('apk installed database', () => {
    const db = 'C:Q1abc=\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nL:MIT\no:musl\n\nP:busybox-binsh\nV:1.36.1-r15\nA:x86_64\nL:GPL-2.0-only\no:busybox\n';
    expect(parse('apk', '/lib/apk/db/installed', db)).toEqual([
      { name: 'musl', version: '1.2.4_git20230717-r4', purl: 'pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1', licenses: ['MIT'], source: { name: 'musl', version: '1.2.4_git20230717-r4' } },
      { name: 'busybox-binsh', version: '1.36.1-r15', purl: 'pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1', licenses: ['GPL-2.0-only'], source: { name: 'busybox', version: '1.36.1-r15' } },
    ]);
  });

  it('dpkg: only installed packages; Source with and without a version', () => {
    const status = [
      'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n',
      'Package: bsdutils\nStatus: install ok installed\nArchitecture: amd64\nSource: util-linux (2.38.1-5)\nVersion: 1:2.38.1-5+b1\nDescription: x\n more\n',
      'Package: removed\nStatus: deinstall ok config-files\nVersion: 1.0\n',
    ].join('\n');
    expect(parse('dpkg', '/var/lib/dpkg/status', status).map((p) => (p as { source: unknown }).source)).toEqual([{ name: 'openssl', version: '3.0.11-1~deb12u2' }, { name: 'util-linux', version: '2.38.1-5' }]);
    // distroless status.d entries have no Status field.
    expect(parse('dpkg', '/var/lib/dpkg/status.d/base', 'Package: base-files\nVersion: 12.4\nArchitecture: amd64\n')).toHaveLength(1);
    expect(analyzer('dpkg').matches('/var/lib/dpkg/status.d/base.md5sums', 0o644)).toBe(false);
  });

  it('python dist-info and egg-info', () => {
    expect(parse('python', '/usr/lib/python3/dist-packages/PyYAML-6.0.1.dist-info/METADATA', 'Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0.1\nLicense: MIT\nClassifier: License :: OSI Approved :: MIT License\n\nBody')).toEqual([
      { name: 'PyYAML', version: '6.0.1', purl: 'pkg:pypi/pyyaml@6.0.1', licenses: ['MIT'] },
    ]);
    expect(parse('python', '/usr/lib/python3/site-packages/zope_interface.egg-info/PKG-INFO', 'Name: zope.interface\nVersion: 5.0\nLicense-Expression: ZPL-2.1\n')).toEqual([
      { name: 'zope.interface', version: '5.0', purl: 'pkg:pypi/zope-interface@5.0', licenses: ['ZPL-2.1'] },
    ]);
  });

  it('gemspec, Cargo.lock, composer, .NET', () => {
    expect(parse('gem', '/usr/local/bundle/specifications/rake-13.0.6.gemspec', '# stub\nGem::Specification.new do |s|\n  s.name = "rake".freeze\n  s.version = "13.0.6"\n  s.licenses = ["MIT".freeze]\nend\n')).toEqual([
      { name: 'rake', version: '13.0.6', purl: 'pkg:gem/rake@13.0.6', licenses: ['MIT'] },
    ]);
    expect(parse('cargo', '/src/app/Cargo.lock', 'version = 3\n\n[[package]]\nname = "libc"\nversion = "0.2.150"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "libc",\n]\n').map((p) => (p as { purl: string }).purl)).toEqual(['pkg:cargo/libc@0.2.150', 'pkg:cargo/app@0.1.0?source=local']);
    // Git and alternative-registry crates are not crates.io's (sparse index too is crates.io).
    expect(parse('cargo', '/src/b/Cargo.lock', '[[package]]\nname = "serde"\nversion = "1.0.0"\nsource = "sparse+https://index.crates.io/"\n\n[[package]]\nname = "rand"\nversion = "0.8.5"\nsource = "git+https://github.com/rust-random/rand?rev=abc#abc"\n\n[[package]]\nname = "corp"\nversion = "2.0.0"\nsource = "registry+https://crates.example.com/index"\n').map((p) => (p as { purl: string }).purl)).toEqual(['pkg:cargo/serde@1.0.0', 'pkg:cargo/rand@0.8.5?source=git', 'pkg:cargo/corp@2.0.0?source=registry']);
    expect(parse('composer', '/var/www/vendor/composer/installed.json', JSON.stringify({ packages: [{ name: 'monolog/monolog', version: '3.5.0', license: ['MIT'] }] }))).toEqual([
      { name: 'monolog/monolog', version: '3.5.0', purl: 'pkg:composer/monolog/monolog@3.5.0', licenses: ['MIT'] },
    ]);
    expect(parse('dotnet', '/app/App.deps.json', JSON.stringify({ libraries: { 'App/1.0.0': { type: 'project' }, 'Newtonsoft.Json/13.0.1': { type: 'package' } } }))).toEqual([
      { name: 'Newtonsoft.Json', version: '13.0.1', purl: 'pkg:nuget/Newtonsoft.Json@13.0.1', licenses: [] },
    ]);
  });

  it('npm: only package roots in node_modules; lock files v1 and v3', () => {
    const npm = analyzer('npm-package');
    expect(npm.matches('/app/node_modules/@babel/core/package.json', 0o644)).toBe(true);
    expect(npm.matches('/app/node_modules/x/lib/package.json', 0o644)).toBe(false);
    expect(npm.matches('/app/package.json', 0o644)).toBe(false);
    const v1 = JSON.stringify({ lockfileVersion: 1, dependencies: { a: { version: '1.0.0', dependencies: { b: { version: '2.0.0' } } } } });
    expect(parse('npm-lock', '/app/package-lock.json', v1).map((p) => (p as { purl: string }).purl)).toEqual(['pkg:npm/a@1.0.0', 'pkg:npm/b@2.0.0']);
    const v3 = JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'app' }, 'node_modules/@s/x': { version: '1.0.0', license: 'ISC' }, 'node_modules/y': { version: '2.0.0' }, 'node_modules/l': { link: true } } });
    expect(parse('npm-lock', '/app/package-lock.json', v3).map((p) => (p as { purl: string }).purl)).toEqual(['pkg:npm/%40s/x@1.0.0', 'pkg:npm/y@2.0.0']);
  });

  it('reports a database cut at 100,000 packages with a code of its own, not as a malformed record', () => {
    const installed = Buffer.from(Array.from({ length: 100_001 }, (_, i) => `P:p${String(i)}\nV:1.0-r0\n`).join('\n'));
    const inventory = takeInventory({
      target: 't', layerDigests: [],
      files: { files: () => [{ path: '/lib/apk/db/installed', node: { mode: 0o644, versions: [{ layer: 0, content: installed }] } }], read: () => undefined, resolve: () => undefined },
    }, ANALYZERS);
    expect(inventory.packages).toHaveLength(100_000);
    expect(inventory.problems.map((p) => [p.code, p.message])).toEqual([['analyzer-limit', 'Alpine packages (apk installed database): more than 100000 packages listed, more than any distribution has: the rest are not read']]);
  });

  it('reports unsupported and malformed databases as problems, keeping the rest', () => {
    const files = new Map<string, Buffer>([
      ['/var/lib/rpm/Packages', Buffer.from('BerkeleyDB bytes')],
      ['/app/node_modules/bad/package.json', Buffer.from('{not json')],
      ['/app/node_modules/good/package.json', Buffer.from('{"name":"good","version":"1.0.0"}')],
    ]);
    const inventory = takeInventory({
      target: 't', layerDigests: [],
      files: { files: () => [...files].map(([path, content]) => ({ path, node: { mode: 0o644, versions: [{ layer: 0, content }] } })), read: () => undefined, resolve: () => undefined },
    }, ANALYZERS);
    expect(inventory.packages.map((p) => p.name)).toEqual(['good']);
    expect(inventory.problems.map((p) => p.code)).toEqual(['analyzer-unsupported', 'analyzer-failed']);
    expect(inventory.problems[0]?.message).toMatch(/BerkeleyDB/);
  });
});
