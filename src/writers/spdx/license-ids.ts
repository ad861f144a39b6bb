/**
 * Licence strings as packages declare them, mapped to what SBOM formats accept. A compact set of
 * the SPDX License List ids that package ecosystems actually use; other strings are kept as names
 * (CycloneDX) or LicenseRef- entries with their original text (SPDX), never dropped or guessed.
 */
const COMMON_SPDX_IDS = new Set([
  '0BSD', 'AFL-2.1', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'Apache-1.1', 'Apache-2.0', 'Artistic-2.0', 'BSD-1-Clause', 'BSD-2-Clause',
  'BSD-3-Clause', 'BSL-1.0', 'BlueOak-1.0.0', 'CC-BY-3.0', 'CC-BY-4.0', 'CC0-1.0', 'EPL-1.0', 'EPL-2.0', 'GPL-2.0', 'GPL-2.0-only',
  'GPL-2.0-or-later', 'GPL-3.0', 'GPL-3.0-only', 'GPL-3.0-or-later', 'ISC', 'LGPL-2.0-only', 'LGPL-2.0-or-later', 'LGPL-2.1',
  'LGPL-2.1-only', 'LGPL-2.1-or-later', 'LGPL-3.0', 'LGPL-3.0-only', 'LGPL-3.0-or-later', 'MIT', 'MIT-0', 'MPL-2.0', 'OpenSSL',
  'PHP-3.01', 'PSF-2.0', 'Python-2.0', 'Ruby', 'Unicode-3.0', 'Unicode-DFS-2016', 'Unlicense', 'WTFPL', 'X11', 'Zlib', 'curl',
]);

export function isKnownSpdxId(text: string): boolean {
  return COMMON_SPDX_IDS.has(text);
}

/** An SPDX expression over known ids: ids joined by AND / OR / WITH, with parentheses. */
export function isSpdxExpression(text: string): boolean {
  const tokens = text.replace(/[()]/g, ' ').split(/\s+/).filter((t) => t !== '');
  if (tokens.length < 3) return false;
  return tokens.every((t, i) => (i % 2 === 1 ? t === 'AND' || t === 'OR' || t === 'WITH' : isKnownSpdxId(t.replace(/\+$/, '')) || /^[A-Za-z0-9.-]+-exception(-[0-9.]+)?$/.test(t)));
}
