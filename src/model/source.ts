/** 1-based line and column of a place in an input file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Where each value of a parsed document starts, keyed by RFC 6901 JSON pointer relative to the
 * document root ("" is the root). Lookups of a pointer with no entry fall back to the nearest
 * ancestor, so a finding about a missing field points at its parent.
 */
export interface PositionMap {
  get(pointer: string): Position | undefined;
  /** The position of `pointer`, or of its nearest ancestor that has one. */
  nearest(pointer: string): { pointer: string; position: Position } | undefined;
  /**
   * The map of the value at `pointer`, with pointers relative to that value (undefined when the
   * pointer reaches no node). A List's items are resources of their own: each item's lookups then
   * share pointers with every other resource's instead of carrying `/items/N` (distinct for each
   * of 50,000 pods, which defeated the pointer cache).
   */
  within?(pointer: string): PositionMap | undefined;
  /**
   * Forgets what earlier lookups cached; later lookups still work, working it out again. For a
   * caller that has done its many lookups (a scan, once its rules have run).
   */
  releaseCache?(): void;
}

/** Where a resource came from. `file` is as the user named it, or `-` for stdin, or `cluster:<context>`. */
export interface ResourceSource {
  readonly file: string;
  /** Index of the YAML document in a multi-document stream (0-based), and of the item in a List. */
  readonly documentIndex: number;
  /** JSON pointer of this object inside its document ("" unless it came from a List's items). */
  readonly pointerPrefix: string;
  readonly position: Position;
  /** Positions of this object's values, by pointer relative to the object (not to its document). */
  readonly positions: PositionMap;
  /** How the input was rendered before parsing, when it was (helm/kustomize output is mapped back to the chart or overlay path). */
  readonly renderedBy?: 'helm' | 'kustomize';
}

/** True when `file` is a live cluster (`cluster:<context>`): its objects have no lines to point at. */
export function isClusterSource(file: string): boolean {
  return file.startsWith('cluster:');
}

/** True when `file` names a file on disk rather than stdin (`-`) or a live cluster. */
export function isFileBacked(file: string): boolean {
  return file !== '-' && file !== '' && !isClusterSource(file);
}
