/**
 * Python distributions: NAME-VER.dist-info/METADATA (wheels, pip), NAME.egg-info/PKG-INFO or a
 * bare .egg-info file (setuptools), and NAME-VER-pyX.Y.egg/EGG-INFO/PKG-INFO (eggs that
 * `setup.py install` and easy_install put into site-packages, unpacked or as a zip file, both read
 * by Trivy). Core metadata (PyPA spec): Name, Version, License-Expression
 * (metadata 2.4), "License :: OSI Approved :: X" classifiers (as SPDX ids where one is named
 * exactly, licenses.ts), and License.
 */
import type { Analyzer } from './analyzer.js';
import { LIMITS } from './java/archive.js';
import { isZip, readEntry, zipEntries, ZipError } from './java/zip.js';
import { isTroveSpdxId, licensesFromClassifiers } from './licenses.js';
import { purl } from './purl.js';
import { parseHeaders } from './stanzas.js';

export function pypiName(name: string): string {
  // purl-spec pypi: lowercase, '_' replaced by '-' (PEP 503 normalisation also folds '.').
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A zipped egg in site-packages (easy_install, `setup.py install` with zip_safe). */
const ZIPPED_EGG = /\/(?:site|dist)-packages\/[^/]+\.egg$/;
/** The condensed form of a zipped egg: its EGG-INFO/PKG-INFO after this line. */
const EGG_MARKER = 'palisade-python-egg-metadata\n';
/** PKG-INFO is a few KiB; the README pasted into it may take more, never this much. */
const MAX_PKG_INFO = 1024 * 1024;

export const pythonAnalyzer: Analyzer = {
  id: 'python',
  title: 'Python distributions (dist-info and egg-info metadata)',
  // Test suites ship fixture distributions (setuptools' pkg_resources/tests/data): not installed.
  matches: (path) => (path.endsWith('.dist-info/METADATA') || path.endsWith('.egg-info/PKG-INFO') || path.endsWith('.egg-info') || path.endsWith('.egg/EGG-INFO/PKG-INFO') || ZIPPED_EGG.test(path)) && !path.includes('/tests/'),
  // A zipped egg is kept as its metadata only while layers stream (it may be megabytes of code).
  condense: (file) => (ZIPPED_EGG.test(file.path) ? condenseEgg(file.content) : file.content),
  parse(file) {
    const text = ZIPPED_EGG.test(file.path) ? eggMetadata(file.content) : file.content;
    if (text === undefined) return [];
    const headers = parseHeaders(text.toString('utf8'));
    const name = headers.get('name')?.[0];
    const version = headers.get('version')?.[0];
    if (name === undefined || version === undefined || name === '' || version === '') return [];
    return [{ name, version, ecosystem: 'pypi', licenses: licenses(headers), purl: purl({ type: 'pypi', name: pypiName(name), version }) }];
  },
};

/** EGG-INFO/PKG-INFO of a zipped egg (or of its condensed form); undefined when it has none. Throws on a malformed zip. */
function eggMetadata(content: Buffer): Buffer | undefined {
  if (content.subarray(0, EGG_MARKER.length).toString('latin1') === EGG_MARKER) return content.subarray(EGG_MARKER.length);
  if (!isZip(content)) throw new ZipError('a .egg file that is not a zip archive');
  const entry = zipEntries(content, LIMITS.entries).find((e) => e.name === 'EGG-INFO/PKG-INFO');
  return entry === undefined ? undefined : readEntry(content, entry, MAX_PKG_INFO);
}

function condenseEgg(content: Buffer): Buffer | undefined {
  const metadata = eggMetadata(content);
  return metadata === undefined ? undefined : Buffer.concat([Buffer.from(EGG_MARKER), metadata]);
}

/**
 * License-Expression (metadata 2.4) when there is one. Otherwise the License field when it is
 * written as SPDX ("Apache-2.0", "MIT OR Apache-2.0", as many projects do) and the classifiers are
 * vaguer ("Apache Software License"); then the classifiers; then the License field as written.
 */
function licenses(headers: Map<string, string[]>): string[] {
  const expression = headers.get('license-expression')?.[0];
  if (expression !== undefined && expression !== '') return [expression];
  const classifiers = licensesFromClassifiers(headers.get('classifier') ?? []);
  const field = headers.get('license')?.[0];
  // Some packages paste their whole licence text into License: keep only a one-line name.
  const license = field === undefined || field === '' || field === 'UNKNOWN' || field.includes('\n') || field.length > 100 ? undefined : field;
  if (license !== undefined && spdxShaped(license) && !classifiers.every(isTroveSpdxId)) return [license];
  if (classifiers.length > 0) return classifiers;
  return license === undefined ? [] : [license];
}

/** SPDX ids without a digit or dash; words such as "BSD", "GPL" or "LGPL" are no ids but family names. */
const PLAIN_IDS = new Set(['MIT', 'ISC', 'Zlib', 'Unlicense', 'PostgreSQL', 'NCSA', 'WTFPL', 'X11', 'curl']);

/** Ids joined by AND / OR / WITH, with parentheses: the shape of an SPDX expression. */
function spdxShaped(text: string): boolean {
  const tokens = text.replace(/[()]/g, ' ').split(/\s+/).filter((t) => t !== '');
  const id = (t: string): boolean => /^[A-Za-z0-9][A-Za-z0-9.+-]*$/.test(t) && (/[\d-]/.test(t) || PLAIN_IDS.has(t));
  return tokens.length % 2 === 1 && tokens.every((t, i) => (i % 2 === 1 ? ['AND', 'OR', 'WITH'].includes(t) : id(t)));
}
