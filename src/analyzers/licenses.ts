/** Licence declarations in package manifests, which come in several historical shapes. */

/** npm / composer style: "MIT", {"type": "MIT"}, or [{"type": ...}] / ["MIT", ...]. */
export function licensesFrom(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (Array.isArray(value)) return value.flatMap((v) => licensesFrom(v));
  if (typeof value === 'object' && value !== null && 'type' in value) return licensesFrom((value).type);
  return [];
}

/**
 * Python trove classifiers ("License :: OSI Approved :: MIT License") that name exactly one SPDX
 * licence, by their last part. Classifiers without a version or with two readings ("Apache Software
 * License", "BSD License", "GNU Lesser General Public License v2 (LGPLv2)", which may be 2.0 or 2.1)
 * have none and stay as written: a guessed id would be wrong for some packages.
 */
const TROVE_SPDX: Readonly<Record<string, string>> = {
  'Blue Oak Model License (BlueOak-1.0.0)': 'BlueOak-1.0.0',
  'Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
  'CC0 1.0 Universal (CC0 1.0) Public Domain Dedication': 'CC0-1.0',
  'Common Development and Distribution License 1.0 (CDDL-1.0)': 'CDDL-1.0',
  'Eclipse Public License 1.0 (EPL-1.0)': 'EPL-1.0',
  'Eclipse Public License 2.0 (EPL-2.0)': 'EPL-2.0',
  'European Union Public Licence 1.0 (EUPL 1.0)': 'EUPL-1.0',
  'European Union Public Licence 1.1 (EUPL 1.1)': 'EUPL-1.1',
  'European Union Public Licence 1.2 (EUPL 1.2)': 'EUPL-1.2',
  'GNU Affero General Public License v3': 'AGPL-3.0-only',
  'GNU Affero General Public License v3 or later (AGPLv3+)': 'AGPL-3.0-or-later',
  'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
  'Historical Permission Notice and Disclaimer (HPND)': 'HPND',
  'ISC License (ISCL)': 'ISC',
  'MIT License': 'MIT',
  'MIT No Attribution License (MIT-0)': 'MIT-0',
  'Mozilla Public License 1.0 (MPL)': 'MPL-1.0',
  'Mozilla Public License 1.1 (MPL 1.1)': 'MPL-1.1',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'Mulan Permissive Software License v2 (MulanPSL-2.0)': 'MulanPSL-2.0',
  'Open Software License 3.0 (OSL-3.0)': 'OSL-3.0',
  'PostgreSQL License': 'PostgreSQL',
  'SIL Open Font License 1.1 (OFL-1.1)': 'OFL-1.1',
  'The Unlicense (Unlicense)': 'Unlicense',
  'Universal Permissive License (UPL)': 'UPL-1.0',
  'Zero-Clause BSD (0BSD)': '0BSD',
  'zlib/libpng License': 'Zlib',
};

const TROVE_IDS = new Set(Object.values(TROVE_SPDX));

/** Whether a licence licensesFromClassifiers gave is the SPDX id of its classifier. */
export function isTroveSpdxId(license: string): boolean {
  return TROVE_IDS.has(license);
}

/**
 * The licences "License :: ..." classifiers declare: an SPDX id where the classifier names exactly
 * one, else its own name. "License :: OSI Approved" and "License :: DFSG approved" alone are
 * categories, not licences.
 */
export function licensesFromClassifiers(classifiers: readonly string[]): string[] {
  const found: string[] = [];
  for (const classifier of classifiers) {
    const parts = classifier.split('::').map((p) => p.trim());
    if (parts[0] !== 'License' || parts.length < 2) continue;
    const last = parts.at(-1) ?? '';
    if (parts.length === 2 && (last === 'OSI Approved' || last === 'DFSG approved')) continue;
    const license = TROVE_SPDX[last] ?? last;
    if (!found.includes(license)) found.push(license);
  }
  return found;
}

/** Licence URLs that name exactly one SPDX licence (scheme, "www." and a trailing ".txt"/".html"/"/" ignored). */
const LICENSE_URL_SPDX: Readonly<Record<string, string>> = {
  'apache.org/licenses/license-2.0': 'Apache-2.0',
  'opensource.org/licenses/apache-2.0': 'Apache-2.0',
  'opensource.org/licenses/mit': 'MIT',
  'opensource.org/license/mit': 'MIT',
  'opensource.org/licenses/mit-license': 'MIT',
  'opensource.org/licenses/mit-license.php': 'MIT',
  'opensource.org/licenses/bsd-2-clause': 'BSD-2-Clause',
  'opensource.org/licenses/bsd-3-clause': 'BSD-3-Clause',
  'opensource.org/license/bsd-3-clause': 'BSD-3-Clause',
  'eclipse.org/legal/epl-v10': 'EPL-1.0',
  'eclipse.org/legal/epl-2.0': 'EPL-2.0',
  'eclipse.org/legal/epl-v20': 'EPL-2.0',
  'mozilla.org/mpl/2.0': 'MPL-2.0',
  'gnu.org/licenses/lgpl-2.1': 'LGPL-2.1-only',
  'gnu.org/licenses/lgpl-3.0': 'LGPL-3.0-only',
  'gnu.org/licenses/gpl-2.0': 'GPL-2.0-only',
  'gnu.org/licenses/gpl-3.0': 'GPL-3.0-only',
};

/** An SPDX-looking id: one token of letters, digits, '.', '-' and '+', starting with a letter or digit. */
const ID_LIKE = /^[A-Za-z0-9][A-Za-z0-9.+-]*$/;

/**
 * The licences of an OSGi Bundle-License header (OSGi core, 3.2.1.4): comma-separated clauses
 * `NAME;link=URL;description=TEXT`, NAME an SPDX id, a URL or a quoted name. A URL naming exactly
 * one licence gives its SPDX id; other names are kept as written. "<<EXTERNAL>>" says the licence is
 * stated elsewhere and names none.
 */
export function licensesFromBundleLicense(header: string): string[] {
  const found: string[] = [];
  // Producers often leave a name with a comma unquoted ("The Apache License, Version 2.0"): when a
  // clause does not start with an id or a URL, the commas are the name's own.
  const split = splitOutsideQuotes(header, ',');
  const clauses = split.every((c) => startsWithIdOrUrl(c)) ? split : [header];
  for (const clause of clauses) {
    const [first = '', ...attributes] = splitOutsideQuotes(clause, ';');
    const name = unquote(first);
    if (name === '' || name === '<<EXTERNAL>>') continue;
    const link = attributes.map((a) => /^link\s*[:]?=\s*(.*)$/s.exec(a)?.[1]).find((l) => l !== undefined);
    const license = licenseFromUrl(name) ?? (ID_LIKE.test(name) ? name : undefined) ?? (link === undefined ? undefined : licenseFromUrl(unquote(link))) ?? name;
    if (!found.includes(license)) found.push(license);
  }
  return found;
}

function startsWithIdOrUrl(clause: string): boolean {
  const name = unquote(splitOutsideQuotes(clause, ';')[0] ?? '');
  return ID_LIKE.test(name) || /^https?:\/\//i.test(name) || name === '<<EXTERNAL>>';
}

function licenseFromUrl(text: string): string | undefined {
  const match = /^https?:\/\/(?:www\.)?(.+?)(?:\.txt|\.html?|\/)?$/i.exec(text.trim());
  return match?.[1] === undefined ? undefined : LICENSE_URL_SPDX[match[1].toLowerCase()];
}

function unquote(text: string): string {
  const trimmed = text.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}
