/**
 * Writes advisories into a store under construction (a temp file: see swap.ts). One source's
 * records replace that source's previous records; other sources stay. Within one import, a record
 * seen twice keeps the most recently modified copy.
 */
import type { Advisory } from '../advisory.js';
import type { StoreDatabase } from './open.js';

export interface SourceInfo {
  /** Identity of the source: re-importing the same name replaces its records. */
  readonly name: string;
  /** The feeds of the input (osv, debian-tracker, alpine-secdb...); filled in by finish(). */
  readonly kind: string;
  readonly location: string;
  readonly sha256?: string;
}

export class StoreWriter {
  readonly #db: StoreDatabase;
  readonly #sourceId: number;
  readonly #insertAdvisory;
  readonly #findAdvisory;
  readonly #deleteAdvisory;
  readonly #deleteAffected;
  readonly #insertAffected;
  #records = 0;

  constructor(db: StoreDatabase, source: SourceInfo, now: Date) {
    this.#db = db;
    const old = db.prepare('SELECT id FROM sources WHERE name = ?').get(source.name) as { id: number } | undefined;
    if (old !== undefined) {
      db.prepare('DELETE FROM affected WHERE advisory_id IN (SELECT id FROM advisories WHERE source_id = ?)').run(old.id);
      db.prepare('DELETE FROM advisories WHERE source_id = ?').run(old.id);
      db.prepare('DELETE FROM sources WHERE id = ?').run(old.id);
    }
    const info = db
      .prepare('INSERT INTO sources (name, kind, location, sha256, imported_at, records, skipped) VALUES (?, ?, ?, ?, ?, 0, 0)')
      .run(source.name, source.kind, source.location, source.sha256 ?? null, now.toISOString());
    this.#sourceId = Number(info.lastInsertRowid);
    this.#insertAdvisory = db.prepare(
      'INSERT INTO advisories (source_id, key, vuln_id, aliases, related, summary, published, modified, withdrawn, severity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#findAdvisory = db.prepare('SELECT id, modified FROM advisories WHERE source_id = ? AND key = ?');
    this.#deleteAdvisory = db.prepare('DELETE FROM advisories WHERE id = ?');
    this.#deleteAffected = db.prepare('DELETE FROM affected WHERE advisory_id = ?');
    this.#insertAffected = db.prepare('INSERT INTO affected (advisory_id, scheme, platform, package, ranges, versions, severity) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  /** Adds one advisory; false when an already stored copy is at least as recent. */
  add(advisory: Advisory): boolean {
    const existing = this.#findAdvisory.get(this.#sourceId, advisory.key) as { id: number; modified: string | null } | undefined;
    if (existing !== undefined) {
      if ((existing.modified ?? '') >= (advisory.modified ?? '')) return false;
      this.#deleteAffected.run(existing.id);
      this.#deleteAdvisory.run(existing.id);
      this.#records--;
    }
    const row = this.#insertAdvisory.run(
      this.#sourceId,
      advisory.key,
      advisory.id,
      JSON.stringify(advisory.aliases),
      JSON.stringify(advisory.related),
      advisory.summary,
      advisory.published ?? null,
      advisory.modified ?? null,
      advisory.withdrawn ?? null,
      JSON.stringify(advisory.severity),
    );
    const id = Number(row.lastInsertRowid);
    for (const a of advisory.affected) {
      this.#insertAffected.run(id, a.scheme, a.platform, a.name, JSON.stringify(a.ranges), JSON.stringify(a.versions), JSON.stringify(a.severity));
    }
    this.#records++;
    return true;
  }

  get records(): number {
    return this.#records;
  }

  /**
   * Records the final counts, the feeds actually seen and the ecosystems skipped as unsupported
   * (all known only after reading the input).
   */
  finish(skipped: number, kind: string, unsupported: Readonly<Record<string, number>> = {}): void {
    this.#db.prepare('UPDATE sources SET records = ?, skipped = ?, kind = ?, unsupported = ? WHERE id = ?').run(this.#records, skipped, kind, JSON.stringify(unsupported), this.#sourceId);
  }
}
