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
