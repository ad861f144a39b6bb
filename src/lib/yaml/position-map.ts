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
import type { LineIndex } from '../line-index.js';
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
  /**
   * Where the previous lookup went: the rules ask about the same few branches of a document over
   * and over (`/spec/template/spec/containers/0/...`), so a walk resumes below the steps it shares
   * with the previous one instead of searching each mapping again from the root.
   */
  private trail: Trail | undefined;

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
    this.trail = undefined;
  }

  get(ptr: string): Position | undefined {
    const found = this.walk(ptr);
    return found.complete ? found.position : undefined;
  }

  nearest(ptr: string): { pointer: string; position: Position } | undefined {
    const found = this.walk(ptr);
    return { pointer: found.pointer, position: found.position };
  }

  /** A map rooted at the value node `ptr` reaches, sharing this one's nodes and text. */
  within(ptr: string): TrackedPositionMap | undefined {
    if (ptr === '') return this;
    if (!this.walk(ptr).complete || this.trail === undefined) return undefined;
    const depth = this.trail.depth;
    const node = this.trail.nodes[depth - 1];
    return node === undefined ? undefined : new TrackedPositionMap(this.arena, node, this.trail.values[depth - 1], this.input, this.lines);
  }

  /**
   * Follows the pointer down the node tree and the value tree together. The pointer reached is a
   * prefix of `ptr`, so it is sliced rather than rebuilt, and only the last node reached is turned
   * into a line and column (this runs once per finding).
   */
  private walk(ptr: string): { pointer: string; position: Position; complete: boolean } {
    const steps = pointerSteps(ptr);
    if (steps === undefined) return { pointer: '', position: this.toPosition(this.root), complete: ptr === '' };
    const trail = (this.trail ??= { steps, depth: 0, nodes: [], ats: [], values: [] });
    // Resume after the steps this pointer shares with the previous lookup's.
    let i = 0;
    if (trail.steps !== steps) {
      const previous = trail.steps.tokens;
      while (i < trail.depth && previous[i] === steps.tokens[i]) i++;
      trail.steps = steps;
    } else i = trail.depth;
    let node: number | undefined = i === 0 ? this.root : trail.nodes[i - 1];
    let at = i === 0 ? this.root : (trail.ats[i - 1] ?? this.root);
    let value: unknown = i === 0 ? this.value : trail.values[i - 1];
    for (; i < steps.tokens.length; i++) {
      const token = steps.tokens[i] ?? '';
      const entry: Entry | undefined = node === undefined ? undefined : this.child(node, value, token, steps, i);
      if (entry === undefined) {
        trail.depth = i;
        return { pointer: ptr.slice(0, i === 0 ? 0 : steps.ends[i - 1]), position: this.toPosition(at), complete: false };
      }
      at = entry.at;
      node = entry.node;
      value = childValue(value, token, steps.indexes[i] ?? -1);
      trail.nodes[i] = node;
      trail.ats[i] = at;
      trail.values[i] = value;
    }
    trail.depth = i;
    return { pointer: ptr, position: this.toPosition(at), complete: true };
  }

  private child(node: number, value: unknown, token: string, steps: PointerSteps, step: number): Entry | undefined {
    const own = this.adopter(node);
    const kind = this.arena.kind(own);
    if (kind === NodeKind.Mapping) return this.mappingEntry(own, token, steps.plain[step] === true);
    if (kind === NodeKind.Sequence) {
      const wanted = steps.indexes[step] ?? -1;
      if (wanted < 0) return undefined;
      const item = this.sequenceItem(own, Array.isArray(value) ? value : [], wanted);
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
  private mappingEntry(node: number, token: string, plain: boolean): Entry | undefined {
    const cached = this.cached(node);
    if (cached?.kind === 'mapping') {
      const i = cached.index.get(token);
      const at = i === undefined ? undefined : cached.nodes[2 * i];
      return i === undefined || at === undefined ? undefined : { at, node: cached.nodes[2 * i + 1] };
    }
    // A token that can only be spelt one way (plain) is compared with the source text in place.
    const last = this.arena.last(node);
    let seen = 0;
    for (let key = node + 1; key <= last; key = this.arena.last(key) + 1) {
      // A large mapping is indexed once instead of being searched again on every lookup.
      if (++seen > INDEXED_CHILDREN) return this.index(node).kind === 'mapping' ? this.mappingEntry(node, token, plain) : undefined;
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
    const end = this.arena.end(node);
    for (let at = this.arena.end(child); at < end; at++) {
      const c = this.input.charCodeAt(at);
      if (c !== 0x20 && c !== 0x09) return false;
    }
    return true;
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

/** `index`: the token as an array index, or -1 when it is not one. */
function childValue(value: unknown, token: string, index: number): unknown {
  if (Array.isArray(value)) return index < 0 ? undefined : value[index];
  if (typeof value === 'object' && value !== null) return (value as Record<string, unknown>)[token];
  return undefined;
}

/** The steps the last lookup took (`depth` of `steps`): per step, the value node, the position node and the value. */
interface Trail {
  steps: PointerSteps;
  depth: number;
  readonly nodes: (number | undefined)[];
  readonly ats: number[];
  readonly values: unknown[];
}

/** A pointer taken apart once: its tokens, where each ends in the pointer, and how each can be matched. */
interface PointerSteps {
  readonly tokens: readonly string[];
  /** Offset just after each token in the pointer (the reached prefix on a miss is sliced there). */
  readonly ends: readonly number[];
  /** Whether each token can only be spelt one way as a plain key (see isPlainKey). */
  readonly plain: readonly boolean[];
  /** Each token as an array index, or -1. */
  readonly indexes: readonly number[];
}

/**
 * Pointers taken apart, by pointer. A scan locates hundreds of thousands of findings whose
 * pointers are a few hundred distinct strings (rules share them), so each is split and
 * classified once; the same token strings are then reused as property keys, which the engine
 * looks up far faster than a fresh slice. Bounded: cleared when full.
 */
const STEPS_CACHE_SIZE = 4096;
const stepsCache = new Map<string, PointerSteps>();

/** The steps of a pointer, or undefined for the root pointer "" and for strings that are not pointers. */
function pointerSteps(ptr: string): PointerSteps | undefined {
  if (ptr === '' || !ptr.startsWith('/')) return undefined;
  const cached = stepsCache.get(ptr);
  if (cached !== undefined) return cached;
  const tokens: string[] = [];
  const ends: number[] = [];
  let end = 0;
  while (end < ptr.length) {
    const next = ptr.indexOf('/', end + 1);
    const stop = next === -1 ? ptr.length : next;
    const raw = ptr.slice(end + 1, stop);
    tokens.push(raw.includes('~') ? unescapeToken(raw) : raw);
    ends.push(stop);
    end = stop;
  }
  const steps: PointerSteps = { tokens, ends, plain: tokens.map(isPlainKey), indexes: tokens.map((token) => (/^(?:0|[1-9]\d*)$/.test(token) ? Number(token) : -1)) };
  if (stepsCache.size >= STEPS_CACHE_SIZE) stepsCache.clear();
  stepsCache.set(ptr, steps);
  return steps;
}
