/**
 * Zipped eggs: what `setup.py bdist_egg` builds and easy_install (or `setup.py install` of a
 * zip-safe project) puts into site-packages as one .egg file. Built here by the installed setuptools.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';
import { inventoryImage } from '../../src/sdk/image.js';
import { requireTool } from './support/podman.js';

const python = ANALYZERS.find((a) => a.id === 'python') as Analyzer;
let egg: string;

beforeAll(() => {
  requireTool('python3');
  const project = mkdtempSync(join(tmpdir(), 'palisade-egg-'));
  writeFileSync(join(project, 'setup.py'), 'from setuptools import setup\nsetup(name="Foo_Bar", version="1.2", py_modules=["foo_bar"], zip_safe=True, classifiers=["License :: OSI Approved :: MIT License"])\n');
  writeFileSync(join(project, 'foo_bar.py'), 'X = 1\n');
  execFileSync('python3', ['setup.py', '-q', 'bdist_egg'], { cwd: project, stdio: 'pipe', timeout: 120_000 });
  const built = readdirSync(join(project, 'dist')).find((f) => f.endsWith('.egg')) ?? '';
  egg = join(project, 'dist', built);
}, 180_000);

describe('zipped Python eggs', () => {
  it('reads the distribution from EGG-INFO/PKG-INFO inside the egg, keeping only that while streaming', () => {
    const path = '/usr/local/lib/python3.11/site-packages/Foo_Bar-1.2-py3.11.egg';
    expect(python.matches(path, 0o644)).toBe(true);
    const content = readFileSync(egg);
    const found = python.parse({ path, content }, { exists: () => false });
    expect(found.map((p) => [p.name, p.version, p.purl, p.licenses])).toEqual([['Foo-Bar', '1.2', 'pkg:pypi/foo-bar@1.2', ['MIT']]]);
    const condensed = python.condense?.({ path, content });
    expect(condensed?.length).toBeLessThan(content.length);
    expect(python.parse({ path, content: condensed ?? Buffer.alloc(0) }, { exists: () => false })).toEqual(found);
  });

  it('inventories an egg in site-packages; a .egg that is no zip is a located problem, the rest is kept', async () => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-egg-root-'));
    const site = join(root, 'usr/local/lib/python3.11/site-packages');
    mkdirSync(join(site, 'ok-1.0.dist-info'), { recursive: true });
    copyFileSync(egg, join(site, 'Foo_Bar-1.2-py3.11.egg'));
    writeFileSync(join(site, 'Broken-0.1-py3.11.egg'), 'not a zip');
    writeFileSync(join(site, 'ok-1.0.dist-info/METADATA'), 'Metadata-Version: 2.1\nName: ok\nVersion: 1.0\n\n');
    const { inventory } = await inventoryImage(`dir:${root}`);
    expect(inventory.packages.map((p) => `${p.purl} ${p.file}`)).toEqual([
      'pkg:pypi/foo-bar@1.2 /usr/local/lib/python3.11/site-packages/Foo_Bar-1.2-py3.11.egg',
      'pkg:pypi/ok@1.0 /usr/local/lib/python3.11/site-packages/ok-1.0.dist-info/METADATA',
    ]);
    expect(inventory.problems.map((p) => `${p.code} ${p.file ?? ''}: ${p.message}`)).toEqual([
      expect.stringMatching(/^analyzer-failed dir:.*\/site-packages\/Broken-0\.1-py3\.11\.egg: .*not a zip archive$/),
    ]);
  });
});
