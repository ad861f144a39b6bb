/**
 * Matches installed packages against the store. For each package: look up its (scheme, name,
 * platform) rows, evaluate each record's ranges at the installed version, then merge the hits of
 * one vulnerability (merge.ts). Withdrawn advisories are not matched.
 */
import { isValidVersion } from '../../lib/versions/index.js';
import type { Problem } from '../../model/problem.js';
import type { AffectedRange, SeverityClaim } from '../advisory.js';
import { type DistroRelease, platformCandidates } from '../names.js';
import { vulnProblem } from '../problems.js';
import type { StoreDatabase } from '../store/open.js';
import { isOffCratesIo, type LookupKey, type MatchablePackage, lookupKeys } from './candidate.js';
import { evaluate } from './evaluate.js';
import { type Hit, mergeHits, type VulnerabilityMatch } from './merge.js';
import { type StaleSource, staleSources } from './stale-sources.js';

export interface MatchOptions {
  /** The scanned system's release; without it, OS packages cannot be matched (a note says so). */
  readonly os?: DistroRelease;
}

export interface MatchResult {
  /** Sorted by package (ecosystem, name, version, file), then vulnerability id. */
  readonly matches: readonly VulnerabilityMatch[];
  readonly problems: readonly Problem[];
  /** Packages looked up, and packages skipped (ecosystem not supported, OS unknown). */
  readonly checked: number;
  readonly skipped: number;
}

/** Lookup rows carry only what evaluation needs; advisory details are read for hits alone. */
interface Row {
  readonly advisoryId: number;
  readonly platform: string;
  readonly ranges: string;
  readonly versions: string;
  readonly severity: string;
}

interface AdvisoryRow {
  readonly vulnId: string;
  readonly key: string;
  readonly aliases: string;
  readonly related: string;
  readonly summary: string;
  readonly severity: string;
  readonly source: string;
}

const SELECT = `SELECT f.advisory_id AS advisoryId, f.platform, f.ranges, f.versions, f.severity
FROM affected f JOIN advisories a ON a.id = f.advisory_id
WHERE f.scheme = ? AND f.package = ? AND a.withdrawn IS NULL AND f.platform IN `;

const ADVISORY = `SELECT a.vuln_id AS vulnId, a.key, a.aliases, a.related, a.summary, a.severity, s.name AS source
FROM advisories a JOIN sources s ON s.id = a.source_id WHERE a.id = ?`;

export class Matcher {
  readonly #db: StoreDatabase;
  readonly #statements = new Map<number, ReturnType<StoreDatabase['prepare']>>();
  readonly #advisory: ReturnType<StoreDatabase['prepare']>;
  readonly #stale: ReadonlyMap<string, readonly StaleSource[]>;

  constructor(db: StoreDatabase) {
    this.#db = db;
    this.#advisory = db.prepare(ADVISORY);
    this.#stale = staleSources(db);
  }

  match(packages: readonly MatchablePackage[], options: MatchOptions = {}): MatchResult {
    const problems: Problem[] = [];
    const notedOnce = new Set<string>();
    const note = (key: string, p: Problem): void => {
      if (notedOnce.has(key)) return;
      notedOnce.add(key);
      problems.push(p);
    };
    const platforms = options.os === undefined ? [] : platformCandidates(options.os);
    const matches: VulnerabilityMatch[] = [];
    const cache = new Map<string, Hit[]>();
    let checked = 0;
    let skipped = 0;
    for (const pkg of packages) {
      const keys = lookupKeys(pkg);
      if (keys.length === 0) {
        skipped++;
        // A crate from no registry the advisories cover has none to miss: nothing to warn about.
        if (!isOffCratesIo(pkg)) note(`eco ${pkg.ecosystem}`, vulnProblem('advisory-unsupported', `packages of ecosystem "${pkg.ecosystem}" are not matched`));
        continue;
      }
      if (keys.some((k) => k.os) && platforms.length === 0) {
        skipped++;
        note('no-os', vulnProblem('os-unknown', 'the operating system release is unknown, so OS packages were not matched against distro advisories'));
        continue;
      }
      checked++;
      for (const key of keys) {
        for (const stale of this.#stale.get(key.scheme) ?? []) {
          note(`stale ${stale.source} ${key.scheme}`, vulnProblem('advisory-store-stale', `advisory source "${stale.source}" was imported by a Palisade that skipped its ${stale.entries} "${stale.ecosystem}" entries, so ${key.scheme} packages were matched without them`));
        }
      }
      const hits = this.#hits(pkg, keys, platforms, note, cache);
      matches.push(...mergeHits(pkg, hits));
    }
    return { matches, problems, checked, skipped };
  }

  /** Binary packages built from one source share a lookup: cache hits per (key, version) for one match() call. */
  #hits(pkg: MatchablePackage, keys: readonly LookupKey[], platforms: readonly string[], note: (key: string, p: Problem) => void, cache: Map<string, Hit[]>): Hit[] {
    const hits: Hit[] = [];
    for (const key of keys) {
      const cacheKey = `${key.scheme}\0${key.name}\0${key.version}\0${key.by}`;
      let found = cache.get(cacheKey);
      if (found === undefined) {
        found = this.#evaluateKey(pkg, key, key.os ? platforms : [''], note);
        cache.set(cacheKey, found);
      }
      hits.push(...found);
    }
    return hits;
  }

  #evaluateKey(pkg: MatchablePackage, key: LookupKey, platforms: readonly string[], note: (key: string, p: Problem) => void): Hit[] {
    const rows = this.#statement(platforms.length).all([key.scheme, key.name, ...platforms]) as Row[];
    // An unreadable version matters only where an advisory would have been compared with it
    // (a branch install of a package no advisory names is no gap in the results).
    if (rows.length === 0) return [];
    if (!isValidVersion(key.scheme, key.version)) {
      note(`ver ${pkg.ecosystem} ${key.name} ${key.version}`, vulnProblem('version-invalid', `${key.name} ${clipped(key.version)} is not a valid ${key.scheme} version, so the advisories for it were not compared`, pkg.file));
      return [];
    }
    const hits: Hit[] = [];
    for (const row of rows) {
      const outcome = evaluate(key.scheme, key.version, JSON.parse(row.ranges) as AffectedRange[], JSON.parse(row.versions) as string[]);
      if (outcome.kind === 'miss') continue;
      const advisory = this.#advisory.get(row.advisoryId) as AdvisoryRow;
      if (outcome.kind === 'unevaluable') {
        note(`adv ${advisory.key} ${key.name}`, vulnProblem('range-skipped', `${advisory.vulnId} (${advisory.source}) could not be evaluated for ${key.name}: ${outcome.reason}`));
        continue;
      }
      hits.push({
        vulnId: advisory.vulnId,
        aliases: JSON.parse(advisory.aliases) as string[],
        related: JSON.parse(advisory.related) as string[],
        summary: advisory.summary,
        claims: [...(JSON.parse(row.severity) as SeverityClaim[]), ...(JSON.parse(advisory.severity) as SeverityClaim[])],
        evidence: { advisory: advisory.vulnId, record: advisory.key, source: advisory.source, by: key.by, name: key.name, version: key.version, platform: row.platform, ...outcome.hit },
        scheme: key.scheme,
      });
    }
    return hits;
  }

  #statement(platformCount: number): ReturnType<StoreDatabase['prepare']> {
    let statement = this.#statements.get(platformCount);
    if (statement === undefined) {
      statement = this.#db.prepare(`${SELECT}(${Array.from({ length: platformCount }, () => '?').join(', ')})`);
      this.#statements.set(platformCount, statement);
    }
    return statement;
  }
}

/** An installed version comes from the scanned image and may be any size: messages quote its start. */
function clipped(version: string): string {
  return version.length > 80 ? `${version.slice(0, 77)}...` : version;
}
