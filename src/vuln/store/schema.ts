/**
 * The advisory store's SQLite schema. Advisories keep their JSON-encoded details; the `affected`
 * table is the lookup index: one row per (advisory, scheme, platform, package), found by the
 * installed package's scheme, platform and name. Bump SCHEMA_VERSION on any change: a store of
 * another version is refused rather than misread.
 */
export const SCHEMA_VERSION = 2;

export const SCHEMA_SQL = `
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  location TEXT NOT NULL,
  sha256 TEXT,
  imported_at TEXT NOT NULL,
  records INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  -- Ecosystems whose entries the importing Palisade could not compare, and how many
  -- ({"crates.io": 120}): a later Palisade that can compare them tells the user to re-import.
  unsupported TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE advisories (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  key TEXT NOT NULL,
  vuln_id TEXT NOT NULL,
  aliases TEXT NOT NULL,
  related TEXT NOT NULL,
  summary TEXT NOT NULL,
  published TEXT,
  modified TEXT,
  withdrawn TEXT,
  severity TEXT NOT NULL,
  UNIQUE (source_id, key)
);
CREATE TABLE affected (
  advisory_id INTEGER NOT NULL REFERENCES advisories(id),
  scheme TEXT NOT NULL,
  platform TEXT NOT NULL,
  package TEXT NOT NULL,
  ranges TEXT NOT NULL,
  versions TEXT NOT NULL,
  severity TEXT NOT NULL
);
`;

/** Built after a bulk load: maintaining indexes row by row would slow the import several times. */
export const INDEX_SQL = `
CREATE INDEX IF NOT EXISTS affected_lookup ON affected (scheme, package, platform);
CREATE INDEX IF NOT EXISTS affected_advisory ON affected (advisory_id);
`;

export const DROP_INDEX_SQL = `
DROP INDEX IF EXISTS affected_lookup;
DROP INDEX IF EXISTS affected_advisory;
`;
