/** Which feed a JSON document comes from, and its advisories. */
import type { Advisory } from '../advisory.js';
import { alpineLineAdvisories, alpineSecdbAdvisories, looksLikeAlpineLine, looksLikeAlpineSecdb } from './alpine.js';
import { debianListAdvisories, debianTrackerAdvisories, looksLikeDebianList, looksLikeDebianTracker } from './debian.js';
import { looksLikeOsv, parseOsv } from './osv.js';

export type FeedKind = 'osv' | 'debian-tracker' | 'debian-list' | 'alpine-secdb';

export type Recognised =
  | { readonly ok: true; readonly kind: FeedKind; readonly advisories: Iterable<Advisory>; readonly invalid: readonly string[]; readonly unsupported: readonly string[] }
  | { readonly ok: false; readonly reason: string };

const MAX_ARRAY_DEPTH = 1;

export function recognise(value: unknown, depth = 0): Recognised {
  if (looksLikeOsv(value)) {
    const parsed = parseOsv(value);
    return parsed.ok
      ? { ok: true, kind: 'osv', advisories: [parsed.advisory], invalid: [], unsupported: parsed.unsupported }
      : { ok: true, kind: 'osv', advisories: [], invalid: parsed.unsupported.length > 0 ? [] : [parsed.reason], unsupported: parsed.unsupported };
  }
  if (looksLikeDebianList(value)) return { ok: true, kind: 'debian-list', advisories: debianListAdvisories(value), invalid: [], unsupported: [] };
  if (looksLikeAlpineLine(value)) return { ok: true, kind: 'alpine-secdb', advisories: alpineLineAdvisories(value), invalid: [], unsupported: [] };
  if (looksLikeAlpineSecdb(value)) return { ok: true, kind: 'alpine-secdb', advisories: alpineSecdbAdvisories(value), invalid: [], unsupported: [] };
  if (Array.isArray(value) && depth < MAX_ARRAY_DEPTH) return recogniseArray(value as unknown[], depth);
  if (looksLikeDebianTracker(value)) return { ok: true, kind: 'debian-tracker', advisories: debianTrackerAdvisories(value), invalid: [], unsupported: [] };
  return { ok: false, reason: 'not an OSV record, Debian security tracker JSON, DSA/DLA list line or Alpine secdb document' };
}

/** A JSON array of OSV records (as osv.dev's query API returns them). */
function recogniseArray(values: readonly unknown[], depth: number): Recognised {
  const advisories: Advisory[] = [];
  const invalid: string[] = [];
  const unsupported: string[] = [];
  for (const value of values) {
    const r = recognise(value, depth + 1);
    if (!r.ok) {
      invalid.push(r.reason);
      continue;
    }
    advisories.push(...r.advisories);
    invalid.push(...r.invalid);
    unsupported.push(...r.unsupported);
  }
  return { ok: true, kind: 'osv', advisories, invalid, unsupported };
}
