/**
 * Advisory sources imported by an older Palisade that could not compare some of their
 * ecosystems: those entries were skipped at import and are not in the store, so packages of that
 * ecosystem are matched without them. Once this Palisade compares the ecosystem, the user has to
 * be told to import the source again, or a newly supported ecosystem would look clean.
 */
import { type Ecosystem, ecosystemOf } from '../../lib/versions/index.js';
import type { StoreDatabase } from '../store/open.js';

export interface StaleSource {
  readonly source: string;
  /** The ecosystem as the source names it ("crates.io"). */
  readonly ecosystem: string;
  /** Affected entries skipped at import. */
  readonly entries: number;
}

/** By scheme: the sources whose skipped entries this Palisade could compare now. */
export function staleSources(db: StoreDatabase): ReadonlyMap<Ecosystem, readonly StaleSource[]> {
  const stale = new Map<Ecosystem, StaleSource[]>();
  const rows = db.prepare('SELECT name, unsupported FROM sources ORDER BY name').all() as { name: string; unsupported: string }[];
  for (const row of rows) {
    for (const [ecosystem, entries] of Object.entries(parseCounts(row.unsupported))) {
      const scheme = ecosystemOf(ecosystem);
      if (scheme === undefined) continue;
      const list = stale.get(scheme) ?? [];
      list.push({ source: row.name, ecosystem, entries });
      stale.set(scheme, list);
    }
  }
  return stale;
}

function parseCounts(text: string): Record<string, number> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return {};
  }
}
