/**
 * A PositionMap over the nodes a parse tracked. Lookups walk the node tree along the pointer, so
 * nothing is computed for the (many) values no finding ever points at; the shape of each mapping
 * and sequence is worked out on first visit and kept.
 *
 * What a pointer's position is: for a mapping entry, its key (`privileged: true` is reported
 * where `privileged` starts); for a sequence item, the item's first character; for the document
 * root, its first node. Keys in explicit `? key` notation and keys brought in by a `<<` merge have
 * no position of their own and fall back to their mapping.
 */
import type { Position, PositionMap } from '../../model/source.js';
import { unescapeToken } from '../json-pointer.js';
import type { LineIndex } from './line-index.js';
import { isPlainKey, keyFromSource } from './keys.js';
import { NodeKind, type NodeArena } from './node-tracker.js';

interface Entry {
  /** The node whose start is the entry's position: a mapping entry's key, a sequence item itself. */
  readonly at: number;
  /** The value's node, when the parser reported one. */
  readonly node: number | undefined;
}

/**
 * What a lookup keeps of a large node it visited: a mapping's keys in order with their key and
 * value nodes side by side, and a hash index; a sequence's item nodes. Small nodes (nearly all of
 * them) are searched in place on every lookup instead: a scan locates hundreds of thousands of
 * findings across tens of thousands of documents, and a cached shape per visited node was a
 * quarter of the benchmark's live memory, for lookups that compare a handful of keys.
 */
type Shape =
  | { readonly kind: 'mapping'; readonly nodes: readonly (number | undefined)[]; readonly index: ReadonlyMap<string, number> }
  | { readonly kind: 'sequence'; readonly items: readonly (number | undefined)[] };

/** Nodes with more children than this are indexed once and kept; smaller ones are searched in place. */
const INDEXED_CHILDREN = 32;

export class TrackedPositionMap implements PositionMap {
  private readonly arena: NodeArena;
  private readonly root: number;
  private readonly value: unknown;
  private readonly input: string;
  private readonly lines: LineIndex;
  /** Shapes of the nodes visited so far (allocated on the first lookup: most maps never get one). */
  private shapes: Map<number, Shape> | undefined;

  /** `value`: the document's value; `input`: the text the nodes' offsets refer to, and its line index. */
  constructor(arena: NodeArena, root: number, value: unknown, input: string, lines: LineIndex) {
    this.arena = arena;
    this.root = root;
    this.value = value;
    this.input = input;
    this.lines = lines;
  }

  /** Where the document's root node starts. */
  rootPosition(): Position {
    return this.toPosition(this.root);
  }

  releaseCache(): void {
    this.shapes = undefined;
  }

  get(ptr: string): Position | undefined {
    const found = this.walk(ptr);
    return found.complete ? found.position : undefined;
  }

  nearest(ptr: string): { pointer: string; position: Position } | undefined {
    const found = this.walk(ptr);
    return { pointer: found.pointer, position: found.position };
  }

  /**
   * Follows the pointer down the node tree and the value tree together. The pointer reached is a
   * prefix of `ptr`, so it is sliced rather than rebuilt, and only the last node reached is turned
   * into a line and column (this runs once per finding).
   */
  private walk(ptr: string): { pointer: string; position: Position; complete: boolean } {
    let node: number | undefined = this.root;
    let value: unknown = this.value;
    let at = this.root;
    if (ptr === '' || !ptr.startsWith('/')) return { pointer: '', position: this.toPosition(at), complete: ptr === '' };
    let end = 0;
    while (end < ptr.length) {
      const next = ptr.indexOf('/', end + 1);
      const stop = next === -1 ? ptr.length : next;
      const raw = ptr.slice(end + 1, stop);
      const token = raw.includes('~') ? unescapeToken(raw) : raw;
      const entry: Entry | undefined = node === undefined ? undefined : this.child(node, value, token);
      if (entry === undefined) return { pointer: ptr.slice(0, end), position: this.toPosition(at), complete: false };
      at = entry.at;
      node = entry.node;
      value = childValue(value, token);
      end = stop;
    }
    return { pointer: ptr, position: this.toPosition(at), complete: true };
  }

  private child(node: number, value: unknown, token: string): Entry | undefined {
    const own = this.adopter(node);
    const kind = this.arena.kind(own);
    if (kind === NodeKind.Mapping) return this.mappingEntry(own, token);
    if (kind === NodeKind.Sequence) {
      if (!/^(?:0|[1-9]\d*)$/.test(token)) return undefined;
      const item = this.sequenceItem(own, Array.isArray(value) ? value : [], Number(token));
      return item === undefined ? undefined : { at: item, node: item };
    }
    return undefined;
  }

  /** The node whose children hold the value: a node that adopted its only child's value is that child. */
  private adopter(node: number): number {
    let at = node;
    for (;;) {
      const only = at + 1;
      if (this.arena.kind(at) === NodeKind.Other || only > this.arena.last(at) || this.arena.last(only) !== this.arena.last(at) || !this.adopted(at, only)) return at;
      at = only;
    }
  }

  private childCount(node: number): number {
    let count = 0;
    const last = this.arena.last(node);
    for (let child = node + 1; child <= last; child = this.arena.last(child) + 1) count++;
    return count;
  }

  /**
   * Children of a mapping come as key, value, key, value. A key is a child followed (on its line)
   * by `:`; anything else (an explicit `? key`, a flow `{a, b}` key without value) is skipped. The
   * first of duplicate keys is the one reported (as the parser's value is).
   */
  private mappingEntry(node: number, token: string): Entry | undefined {
    const cached = this.cached(node);
    if (cached?.kind === 'mapping') {
      const i = cached.index.get(token);
      const at = i === undefined ? undefined : cached.nodes[2 * i];
      return i === undefined || at === undefined ? undefined : { at, node: cached.nodes[2 * i + 1] };
    }
    // A token that can only be spelt one way is compared with the source text in place.
    const plain = isPlainKey(token);
    const last = this.arena.last(node);
    let seen = 0;
    for (let key = node + 1; key <= last; key = this.arena.last(key) + 1) {
      // A large mapping is indexed once instead of being searched again on every lookup.
      if (++seen > INDEXED_CHILDREN) return this.index(node).kind === 'mapping' ? this.mappingEntry(node, token) : undefined;
      const colon = this.colonAfter(key);
      if (colon === undefined) continue;
      const valueNode = this.arena.last(key) + 1;
      const value = valueNode <= last ? valueNode : undefined;
      if (plain ? this.spells(key, colon, token) : keyFromSource(this.input.slice(this.arena.start(key), colon)) === token) return { at: key, node: value };
      if (value === undefined) return undefined;
      key = value;
      seen++;
    }
    return undefined;
  }

  /**
   * Whether the key spells `token`, a plain key (see isPlainKey), without slicing its text in the
   * common cases: a key starting with a letter means the string it spells, and a quoted key
   * without escapes (every key of a JSON document) the text between its quotes. Anything else
   * (escapes, tags, anchors, `.inf`) is resolved by keyFromSource, as when indexing.
   */
  private spells(key: number, colon: number, token: string): boolean {
    const from = this.arena.start(key);
    let to = colon;
    while (to > from && (this.input.charCodeAt(to - 1) === 0x20 || this.input.charCodeAt(to - 1) === 0x09)) to--;
    const first = this.input.charCodeAt(from);
    if (isLetter(first)) return to - from === token.length && this.input.startsWith(token, from);
    if ((first === 0x22 || first === 0x27) && this.simplyQuoted(from, to)) return to - from === token.length + 2 && this.input.startsWith(token, from + 1);
    return keyFromSource(this.input.slice(from, colon)) === token;
  }

  /** Whether [from, to) is one quoted string with no escape, quote or line break inside (keys.ts's simple case). */
  private simplyQuoted(from: number, to: number): boolean {
    const quote = this.input.charCodeAt(from);
    if (to - from < 2 || this.input.charCodeAt(to - 1) !== quote) return false;
    for (let i = from + 1; i < to - 1; i++) {
      const c = this.input.charCodeAt(i);
      if (c === quote || c === 0x0a || (quote === 0x22 && c === 0x5c)) return false;
    }
    return true;
  }

  /**
   * An empty block item (`-` alone on its line) produces no node, so when there are fewer nodes
   * than items, nodes go to the items in order, skipping null items while there are more items
   * left than nodes.
   */
  private sequenceItem(node: number, items: readonly unknown[], wanted: number): number | undefined {
    const cached = this.cached(node);
    if (cached?.kind === 'sequence') return cached.items[wanted];
    const count = this.childCount(node);
    if (count > INDEXED_CHILDREN) return this.index(node, items).kind === 'sequence' ? this.sequenceItem(node, items, wanted) : undefined;
    let spare = items.length - count;
    let child = node + 1;
    for (let i = 0; i < items.length && child <= this.arena.last(node); i++) {
      if (spare > 0 && items[i] === null) {
        spare--;
        continue;
      }
      if (i === wanted) return child;
      child = this.arena.last(child) + 1;
    }
    return undefined;
  }

  private cached(node: number): Shape | undefined {
    return this.shapes?.get(node);
  }

  /** Indexes a large node once (see Shape). */
  private index(node: number, items: readonly unknown[] = []): Shape {
    const children = this.arena.children(node);
    let shape: Shape;
    if (this.arena.kind(node) === NodeKind.Sequence) {
      const result: (number | undefined)[] = new Array<number | undefined>(items.length);
      let spare = items.length - children.length;
      let c = 0;
      for (let i = 0; i < items.length && c < children.length; i++) {
        if (spare > 0 && items[i] === null) {
          spare--;
          continue;
        }
        result[i] = children[c++];
      }
      shape = { kind: 'sequence', items: result };
    } else {
      const nodes: (number | undefined)[] = [];
      const index = new Map<string, number>();
      for (let i = 0; i < children.length; i++) {
        const key = children[i];
        if (key === undefined) continue;
        const colon = this.colonAfter(key);
        if (colon === undefined) continue;
        const name = keyFromSource(this.input.slice(this.arena.start(key), colon));
        if (!index.has(name)) {
          index.set(name, nodes.length / 2);
          nodes.push(key, children[i + 1]);
        }
        i++;
      }
      shape = { kind: 'mapping', nodes, index };
    }
    this.shapes ??= new Map();
    this.shapes.set(node, shape);
    return shape;
  }

  /** Whether a node took over its only child's value (same kind, ends apart by blanks only). */
  private adopted(node: number, child: number): boolean {
    if (this.arena.kind(child) !== this.arena.kind(node)) return false;
    const between = this.input.slice(this.arena.end(child), this.arena.end(node));
    return /^[ \t]*$/.test(between);
  }

  /** The offset of the `:` that follows a key on its line, if the node is a key. */
  private colonAfter(node: number): number | undefined {
    let at = this.arena.end(node);
    while (this.input.charCodeAt(at) === 0x20 || this.input.charCodeAt(at) === 0x09) at++;
    return this.input.charCodeAt(at) === 0x3a ? at : undefined;
  }

  private toPosition(node: number): Position {
    return this.lines.position(this.arena.start(node));
  }
}

/** A-Z, a-z, `_` or `$`: how a key that can only be a string starts. */
function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x24;
}

function childValue(value: unknown, token: string): unknown {
  if (Array.isArray(value)) return value[Number(token)];
  if (typeof value === 'object' && value !== null) return (value as Record<string, unknown>)[token];
  return undefined;
}
