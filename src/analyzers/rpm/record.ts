/** One package header as a database backend stores it, with where it came from for messages. */
export interface HeaderRecord {
  /** Where the blob sits in its database: "hnum 12" (SQLite), "package index 3" (ndb), "key 7" (BerkeleyDB). */
  readonly location: string;
  readonly blob: Buffer;
}
