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
import { keyFromSource } from './keys.js';
import { NodeKind, type NodeArena } from './node-tracker.js';

interface Entry {
  /** The node whose start is the entry's position: a mapping entry's key, a sequence item itself. */
  readonly at: number;
  /** The value's node, when the parser reported one. */
  readonly node: number | undefined;
}

/**
 * What a lookup needs of a visited node, kept compact: a scan locates hundreds of thousands of
 * findings across tens of thousands of documents and keeps these for the whole run. A mapping
 * keeps its keys in order with their key and value nodes side by side (a hash index only when it
 * is large enough to pay for one); a sequence keeps each item's node.
 */
type Shape =
  | { readonly kind: 'mapping'; readonly keys: readonly string[]; readonly nodes: readonly (number | undefined)[]; readonly index: ReadonlyMap<string, number> | undefined }
  | { readonly kind: 'sequence'; readonly items: readonly (number | undefined)[] }
  | { readonly kind: 'leaf' };

/** Mappings with more keys than this get a hash index; smaller ones are searched in order. */
const INDEXED_KEYS = 16;

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
    const shape = this.shapeOf(node, value);
    if (shape.kind === 'mapping') {
      const i = shape.index === undefined ? shape.keys.indexOf(token) : (shape.index.get(token) ?? -1);
      const at = shape.nodes[2 * i];
      return i === -1 || at === undefined ? undefined : { at, node: shape.nodes[2 * i + 1] };
    }
    if (shape.kind === 'sequence') {
      const item = /^(?:0|[1-9]\d*)$/.test(token) ? shape.items[Number(token)] : undefined;
      return item === undefined ? undefined : { at: item, node: item };
    }
    return undefined;
  }

  private shapeOf(node: number, value: unknown): Shape {
    this.shapes ??= new Map();
    let shape = this.shapes.get(node);
    if (shape === undefined) {
      shape = this.computeShape(node, value);
      this.shapes.set(node, shape);
    }
    return shape;
  }

  private computeShape(node: number, value: unknown): Shape {
    const kind = this.arena.kind(node);
    if (kind === NodeKind.Other) return { kind: 'leaf' };
    const children = this.arena.children(node);
    const [only] = children;
    if (children.length === 1 && only !== undefined && this.adopted(node, only)) return this.shapeOf(only, value);
    if (kind === NodeKind.Sequence) return { kind: 'sequence', items: this.sequenceItems(Array.isArray(value) ? value : [], children) };
    return this.mappingShape(children);
  }

  /** Whether a node took over its only child's value (same kind, ends apart by blanks only). */
  private adopted(node: number, child: number): boolean {
    if (this.arena.kind(child) !== this.arena.kind(node)) return false;
    const between = this.input.slice(this.arena.end(child), this.arena.end(node));
    return /^[ \t]*$/.test(between);
  }

  /**
   * Children of a mapping come as key, value, key, value. A key is a child followed (on its line)
   * by `:`; anything else (an explicit `? key`, a flow `{a, b}` key without value) is skipped.
   */
  private mappingShape(children: readonly number[]): Shape {
    const keys: string[] = [];
    const nodes: (number | undefined)[] = [];
    const index = new Map<string, number>();
    for (let i = 0; i < children.length; i++) {
      const key = children[i];
      if (key === undefined) continue;
      const colon = this.colonAfter(key);
      if (colon === undefined) continue;
      const name = keyFromSource(this.input.slice(this.arena.start(key), colon));
      // The first of duplicate keys is the one reported (as the parser's value is).
      if (!index.has(name)) {
        index.set(name, keys.length);
        keys.push(name);
        nodes.push(key, children[i + 1]);
      }
      i++;
    }
    return { kind: 'mapping', keys, nodes, index: keys.length > INDEXED_KEYS ? index : undefined };
  }

  /**
   * An empty block item (`-` alone on its line) produces no node, so when there are fewer nodes
   * than items, nodes go to the items in order, skipping null items while there are more items
   * left than nodes.
   */
  private sequenceItems(items: readonly unknown[], children: readonly number[]): (number | undefined)[] {
    const result: (number | undefined)[] = new Array<number | undefined>(items.length);
    let spare = items.length - children.length;
    let c = 0;
    for (let i = 0; i < items.length && c < children.length; i++) {
      if (spare > 0 && items[i] === null) {
        spare--;
        continue;
      }
      const child = children[c++];
      if (child !== undefined) result[i] = child;
    }
    return result;
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

function childValue(value: unknown, token: string): unknown {
  if (Array.isArray(value)) return value[Number(token)];
  if (typeof value === 'object' && value !== null) return (value as Record<string, unknown>)[token];
  return undefined;
}
