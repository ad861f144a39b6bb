/**
 * Finds where a path of a parsed YAML document was written, so a configuration problem points at
 * the offending key rather than at the file.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
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
      const pair = node.items.find((item) => keyMatches(item.key, segment));
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
