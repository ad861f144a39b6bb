/**
 * Python distributions: NAME-VER.dist-info/METADATA (wheels, pip), NAME.egg-info/PKG-INFO or a
 * bare .egg-info file (setuptools), and NAME-VER-pyX.Y.egg/EGG-INFO/PKG-INFO (eggs that
 * `setup.py install` and easy_install unpack into site-packages). Core metadata (PyPA spec): Name, Version, License-Expression
 * (metadata 2.4), "License :: OSI Approved :: X" classifiers (as SPDX ids where one is named
 * exactly, licenses.ts), and License.
 */
import type { Analyzer } from './analyzer.js';
import { licensesFromClassifiers } from './licenses.js';
import { purl } from './purl.js';
import { parseHeaders } from './stanzas.js';

export function pypiName(name: string): string {
  // purl-spec pypi: lowercase, '_' replaced by '-' (PEP 503 normalisation also folds '.').
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export const pythonAnalyzer: Analyzer = {
  id: 'python',
  title: 'Python distributions (dist-info and egg-info metadata)',
  // Test suites ship fixture distributions (setuptools' pkg_resources/tests/data): not installed.
  matches: (path) => (path.endsWith('.dist-info/METADATA') || path.endsWith('.egg-info/PKG-INFO') || path.endsWith('.egg-info') || path.endsWith('.egg/EGG-INFO/PKG-INFO')) && !path.includes('/tests/'),
  parse(file) {
    const headers = parseHeaders(file.content.toString('utf8'));
    const name = headers.get('name')?.[0];
    const version = headers.get('version')?.[0];
    if (name === undefined || version === undefined || name === '' || version === '') return [];
    return [{ name, version, ecosystem: 'pypi', licenses: licenses(headers), purl: purl({ type: 'pypi', name: pypiName(name), version }) }];
  },
};

function licenses(headers: Map<string, string[]>): string[] {
  const expression = headers.get('license-expression')?.[0];
  if (expression !== undefined && expression !== '') return [expression];
  const classifiers = licensesFromClassifiers(headers.get('classifier') ?? []);
  if (classifiers.length > 0) return classifiers;
  const license = headers.get('license')?.[0];
  // Some packages paste their whole licence text into License: keep only a one-line name.
  return license === undefined || license === '' || license === 'UNKNOWN' || license.includes('\n') || license.length > 100 ? [] : [license];
}
