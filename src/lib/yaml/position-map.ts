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
import { escapeToken, splitPointer } from '../json-pointer.js';
import type { LineIndex } from './line-index.js';
import type { NodeArena } from './node-tracker.js';

interface Entry {
  readonly position: Position;
  /** The value's node, when the parser reported one. */
  readonly node: number | undefined;
}

type Shape = { readonly kind: 'mapping'; readonly entries: Map<string, Entry> } | { readonly kind: 'sequence'; readonly items: (Entry | undefined)[] } | { readonly kind: 'leaf' };

export class TrackedPositionMap implements PositionMap {
  private readonly arena: NodeArena;
  private readonly root: number;
  private readonly input: string;
  private readonly lines: LineIndex;
  private readonly shapes = new Map<number, Shape>();

  /** `input`: the text the nodes' offsets refer to, and its line index. */
  constructor(arena: NodeArena, root: number, input: string, lines: LineIndex) {
    this.arena = arena;
    this.root = root;
    this.input = input;
    this.lines = lines;
  }

  /** Where the document's root node starts. */
  rootPosition(): Position {
    return this.toPosition(this.root);
  }

  get(ptr: string): Position | undefined {
    const found = this.walk(ptr);
    return found.complete ? found.position : undefined;
  }

  nearest(ptr: string): { pointer: string; position: Position } | undefined {
    const found = this.walk(ptr);
    return { pointer: found.pointer, position: found.position };
  }

  private walk(ptr: string): { pointer: string; position: Position; complete: boolean } {
    let tokens: string[];
    try {
      tokens = splitPointer(ptr);
    } catch {
      tokens = [];
    }
    let node: number | undefined = this.root;
    let position = this.toPosition(this.root);
    let pointer = '';
    for (const token of tokens) {
      const entry: Entry | undefined = node === undefined ? undefined : this.child(node, token);
      if (entry === undefined) return { pointer, position, complete: false };
      position = entry.position;
      pointer = `${pointer}/${escapeToken(token)}`;
      node = entry.node;
    }
    return { pointer, position, complete: true };
  }

  private child(node: number, token: string): Entry | undefined {
    const shape = this.shapeOf(node);
    if (shape.kind === 'mapping') return shape.entries.get(token);
    if (shape.kind === 'sequence') return /^(?:0|[1-9]\d*)$/.test(token) ? shape.items[Number(token)] : undefined;
    return undefined;
  }

  private shapeOf(node: number): Shape {
    let shape = this.shapes.get(node);
    if (shape === undefined) {
      shape = this.computeShape(node);
      this.shapes.set(node, shape);
    }
    return shape;
  }

  private computeShape(node: number): Shape {
    const value = this.arena.values[node];
    if (typeof value !== 'object' || value === null) return { kind: 'leaf' };
    const children = this.arena.children(node);
    const [only] = children;
    if (children.length === 1 && only !== undefined && this.arena.values[only] === value) return this.shapeOf(only);
    if (Array.isArray(value)) return { kind: 'sequence', items: this.sequenceItems(value, children) };
    return { kind: 'mapping', entries: this.mappingEntries(children) };
  }

  /**
   * Children of a mapping come as key, value, key, value. A key is a child followed (on its line)
   * by `:`; anything else (an explicit `? key`, a flow `{a, b}` key without value) is skipped.
   */
  private mappingEntries(children: readonly number[]): Map<string, Entry> {
    const entries = new Map<string, Entry>();
    for (let i = 0; i < children.length; i++) {
      const key = children[i];
      if (key === undefined || !this.followedByColon(key)) continue;
      const name = keyString(this.arena.values[key]);
      if (!entries.has(name)) entries.set(name, { position: this.toPosition(key), node: children[i + 1] });
      i++;
    }
    return entries;
  }

  /**
   * An empty block item (`-` alone on its line) produces no node event, so children are matched
   * to items by value: a child is the next item it is (identically) equal to.
   */
  private sequenceItems(items: readonly unknown[], children: readonly number[]): (Entry | undefined)[] {
    const result: (Entry | undefined)[] = new Array<Entry | undefined>(items.length);
    let c = 0;
    for (let i = 0; i < items.length && c < children.length; i++) {
      const child = children[c];
      if (child !== undefined && Object.is(this.arena.values[child], items[i])) {
        result[i] = { position: this.toPosition(child), node: child };
        c++;
      }
    }
    return result;
  }

  private followedByColon(node: number): boolean {
    let at = this.arena.end[node] ?? 0;
    while (this.input.charCodeAt(at) === 0x20 || this.input.charCodeAt(at) === 0x09) at++;
    return this.input.charCodeAt(at) === 0x3a;
  }

  private toPosition(node: number): Position {
    return this.lines.position(this.arena.start[node] ?? 0);
  }
}

/** The key as js-yaml stores it: mapping keys are strings, objects become "[object Object]". */
function keyString(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return '[object Object]';
  return String(value);
}
