/**
 * LicenseRef- ids for licence names that are neither SPDX ids nor expressions (SPDX 2.3 clause
 * 10.1: "LicenseRef-" followed by letters, digits, '.' and '-', unique within the document).
 *
 * Distinct names must never share a ref: hasExtractedLicensingInfos carries one text per ref, so a
 * shared ref silently merges two licences (Debian's "GPL-2" and "GPL-2+" would both sanitise to
 * GPL-2). Hence:
 * - a name that is already a valid idstring keeps it verbatim (LicenseRef-GPL-2), readable;
 * - a name that had to be changed gets a readable escape ('+' -> "plus", other runs -> '-') and a
 *   short hash of the original name (LicenseRef-GPL-2plus-1a2b3c4d): two names that escape alike
 *   differ by their hashes, and no verbatim name can take a changed name's ref by accident;
 * - names whose refs would still be equal take the hashed form too, compared case-insensitively
 *   because SPDX matches licence ids without regard to case (annex D); a hash prefix that collides
 *   is lengthened.
 * The ref of a name depends only on that name, except when another name in the same document
 * collides with it; the assignment runs over the sorted names, so it is deterministic.
 */
import { createHash } from 'node:crypto';

/** Refs stay short however long the declared text is (it can be a whole licence paragraph). */
const MAX_READABLE = 64;
const HASH_LENGTHS = [8, 16, 64] as const;
const IDSTRING = /^[A-Za-z0-9.-]+$/;

/** name -> LicenseRef- id, for every distinct name given. */
export function licenseRefs(names: Iterable<string>): Map<string, string> {
  const unique = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const claims = new Map<string, number>();
  for (const name of unique) {
    const key = preferredRef(name).toLowerCase();
    claims.set(key, (claims.get(key) ?? 0) + 1);
  }
  const taken = new Set<string>();
  const refs = new Map<string, string>();
  for (const name of unique) {
    const preferred = preferredRef(name);
    const contested = (claims.get(preferred.toLowerCase()) ?? 0) > 1;
    const ref = firstFree(name, contested ? hashedRef(name, HASH_LENGTHS[0]) : preferred, taken);
    taken.add(ref.toLowerCase());
    refs.set(name, ref);
  }
  return refs;
}

function preferredRef(name: string): string {
  return IDSTRING.test(name) && name.length <= MAX_READABLE ? `LicenseRef-${name}` : hashedRef(name, HASH_LENGTHS[0]);
}

/** The candidate, else the name's hashed ref with longer hashes, else a counter (cannot loop forever). */
function firstFree(name: string, candidate: string, taken: ReadonlySet<string>): string {
  if (!taken.has(candidate.toLowerCase())) return candidate;
  for (const length of HASH_LENGTHS) {
    const ref = hashedRef(name, length);
    if (!taken.has(ref.toLowerCase())) return ref;
  }
  const base = hashedRef(name, HASH_LENGTHS[HASH_LENGTHS.length - 1] ?? 64);
  let n = 2;
  while (taken.has(`${base}-${n}`.toLowerCase())) n += 1;
  return `${base}-${n}`;
}

function hashedRef(name: string, hashLength: number): string {
  return `LicenseRef-${readable(name)}-${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, hashLength)}`;
}

/** The name with '+' spelled out (GPL-2+ is "or later" in Debian, not GPL-2) and other characters as '-'. */
function readable(name: string): string {
  const escaped = name
    .replace(/\+/g, 'plus')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_READABLE)
    .replace(/^-+|-+$/g, '');
  return escaped === '' ? 'unnamed' : escaped;
}
