/**
 * Finds where a path of a parsed YAML document was written, so a configuration problem points at
 * the offending key rather than at the file.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Position } from '../model/source.js';

type Path = readonly PropertyKey[];

function startOf(node: unknown): number | undefined {
  if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as Node).range;
  return range?.[0];
}

function keyMatches(key: unknown, segment: PropertyKey): boolean {
  const value = isScalar(key) ? key.value : key;
  return String(value) === String(segment);
}

/** `<<`: the parser gives a merge key a symbol for a value, or the text when merging is off. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

/**
 * The mappings `<<` merges into `map`, in the order their keys count: `<<: *defaults` or
 * `<<: [*a, *b]` (the first one listed wins).
 */
function mergedMaps(doc: Document, map: YAMLMap): YAMLMap[] {
  const sources: YAMLMap[] = [];
  for (const item of map.items) {
    if (!isMergeKey(item.key)) continue;
    const values: unknown[] = isSeq(item.value) ? item.value.items : [item.value];
    for (const value of values) {
      const resolved: unknown = isAlias(value) ? value.resolve(doc) : value;
      if (isMap(resolved)) sources.push(resolved);
    }
  }
  return sources;
}

/**
 * The entry of `segment` in `map`: its own, else the one a merge key brings in (an error in a
 * shared block points at the block, where it is fixed). `seen` stops merge chains that loop.
 */
function findPair(doc: Document, map: YAMLMap, segment: PropertyKey, seen = new Set<YAMLMap>()): Pair | undefined {
  seen.add(map);
  const own = map.items.find((item) => !isMergeKey(item.key) && keyMatches(item.key, segment));
  if (own !== undefined) return own;
  for (const source of mergedMaps(doc, map)) {
    if (seen.has(source)) continue;
    const merged = findPair(doc, source, segment, seen);
    if (merged !== undefined) return merged;
  }
  return undefined;
}

/**
 * The position of `path`: the key of the last mapping entry on the path (so "rules.foo.severity"
 * points at `severity:`), the item of a sequence, or the deepest ancestor that exists when the
 * path goes on past what was written (a missing required key points at its parent).
 */
export function locateInDocument(doc: Document, lineCounter: LineCounter, path: Path): Position | undefined {
  let node: unknown = doc.contents;
  let offset = startOf(node);
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = findPair(doc, node, segment);
      if (pair === undefined) break;
      offset = startOf(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      offset = startOf(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line: Math.max(line, 1), column: col };
}
