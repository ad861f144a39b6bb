/**
 * One package header as a database backend stores it, with where it came from for messages; or,
 * when the backend could not extract that one record (a broken ndb blob, a broken BerkeleyDB
 * overflow chain, a SQLite row that is not a blob), why not: the database's other records still
 * stand, as they do for rpm.
 */
export type HeaderRecord =
  | {
    /** Where the blob sits in its database: "hnum 12" (SQLite), "package index 3" (ndb), "key 7" (BerkeleyDB). */
    readonly location: string;
    readonly blob: Buffer;
  }
  | { readonly location: string; readonly broken: string };
