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
import { parseStanzas } from './stanzas.js';

const cache = new WeakMap<Buffer, readonly string[]>();

export function dep5Licenses(copyright: Buffer): readonly string[] {
  const cached = cache.get(copyright);
  if (cached !== undefined) return cached;
  const licenses = parse(copyright.toString('utf8'));
  cache.set(copyright, licenses);
  return licenses;
}

function parse(text: string): string[] {
  const [header, ...rest] = parseStanzas(text);
  if (header === undefined || !/copyright-format\/1\.0|dep5/i.test(header.get('Format') ?? '')) return [];
  const found: string[] = [];
  for (const paragraph of [header, ...rest]) {
    // Stand-alone License paragraphs hold the texts of names already used by Files paragraphs.
    if (paragraph !== header && !paragraph.has('Files')) continue;
    const field = paragraph.get('License');
    if (field === undefined) continue;
    const shortName = field.split('\n')[0]?.trim() ?? '';
    for (const name of shortName.split(/\s+(?:and|or)\s+|\s*,\s*(?:and\s+|or\s+)?/i)) {
      const clean = name.replace(/^\(+|\)+$/g, '').trim();
      const license = clean === '' ? '' : debianLicenseToSpdx(clean);
      if (license !== '' && !found.includes(license)) found.push(license);
    }
  }
  return found;
}
