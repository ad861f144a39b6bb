/**
 * Licences from Debian's machine-readable copyright files (DEP-5, copyright-format 1.0):
 * /usr/share/doc/PKG/copyright starts with a header paragraph carrying `Format:`, then `Files:`
 * paragraphs whose `License:` field's first line is the short name (or an expression of short names
 * joined by "and"/"or") of the licence those files are under. The package's licences are those
 * short names, deduplicated in order of appearance, as SPDX identifiers where the name has an
 * exact one (dep5-spdx.ts). Files without the Format header are free text: no licence is guessed
 * from them.
 */
import { debianLicenseToSpdx } from './dep5-spdx.js';
import { stanzas } from './stanzas.js';

const cache = new WeakMap<Buffer, readonly string[]>();

export function dep5Licenses(copyright: Buffer): readonly string[] {
  const cached = cache.get(copyright);
  if (cached !== undefined) return cached;
  const licenses = parse(copyright.toString('utf8'));
  cache.set(copyright, licenses);
  return licenses;
}

/** More licences than any package declares (a few dozen at most): a copyright file listing more is not read further. */
const MAX_LICENSES = 256;

/** The fields read; the copyright texts and notices, most of the file, are not kept. */
const FIELDS: ReadonlySet<string> = new Set(['Format', 'Files', 'License']);

function parse(text: string): string[] {
  const paragraphs = stanzas(text, FIELDS);
  const header = paragraphs.next();
  if (header.done === true || !/copyright-format\/1\.0|dep5/i.test(header.value.get('Format') ?? '')) return [];
  const found = new Set<string>();
  addLicenses(header.value.get('License'), found);
  for (const paragraph of paragraphs) {
    // Stand-alone License paragraphs hold the texts of names already used by Files paragraphs.
    if (paragraph.has('Files')) addLicenses(paragraph.get('License'), found);
    if (found.size >= MAX_LICENSES) break;
  }
  return [...found];
}

function addLicenses(field: string | undefined, found: Set<string>): void {
  if (field === undefined) return;
  const shortName = field.split('\n')[0]?.trim() ?? '';
  for (const name of shortName.split(/\s+(?:and|or)\s+|\s*,\s*(?:and\s+|or\s+)?/i)) {
    const clean = name.replace(/^\(+|\)+$/g, '').trim();
    const license = clean === '' ? '' : debianLicenseToSpdx(clean);
    if (license !== '') found.add(license);
  }
}
