/**
 * Follows js-yaml's node events (its `listener` option reports every node it opens and closes)
 * to record where each node starts, so positions cost one pass of the fast parser instead of a
 * second, slower positional parse. It also bounds alias expansion: js-yaml shares aliased values
 * instead of copying them, so a "billion laughs" document parses quickly but explodes in whoever
 * walks it afterwards; the tracker counts what a full walk would expand and stops the parse early.
 *
 * What js-yaml reports, and what the tracker relies on:
 * - every node (keys included) is one open/close pair, properly nested, so nodes numbered in
 *   opening order put each node's descendants right after it (a pre-order arena);
 * - `state.position` at open is the node's first character for keys, sequence items and document
 *   roots (the positions we report);
 * - a failed speculative read (e.g. `key: &a value` first tried as a mapping) leaves nested events
 *   under a node whose final value is a scalar, so children of scalars are ignored;
 * - a node may adopt the value of its only child ("keep the result" paths): then the child is its
 *   only child, of the same kind, and only blanks on the line separate their ends.
 *
 * The listener runs for every node of every input, so it only writes three numbers and a value
 * per node into typed arrays; everything else is derived when a position is asked for.
 */

export class AliasLimitError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export class DocumentLimitError extends Error {}

/** The subset of js-yaml's parser state the listener reads. */
export interface ParserState {
  readonly input: string;
  readonly position: number;
  readonly kind: string | null;
  readonly anchor: string | null;
  readonly result: unknown;
}

export const enum NodeKind {
  Other = 0,
  Mapping = 1,
  Sequence = 2,
}

const FIELDS = 4;
/** Nodes per chunk (a power of two): 16,384 nodes, 256 KiB. */
const CHUNK_BITS = 14;
const CHUNK_NODES = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_NODES - 1;

/**
 * Every node of one or more inputs; a node is an index, numbered in opening order. Per node, four
 * numbers are kept side by side in typed arrays: the offset of its first character, the offset
 * just after it, the last node of its subtree (itself for a leaf), and its kind. Values are not
 * kept: they are in the parsed document already, and a million references in a side array cost
 * more garbage-collection time than the whole tracking. Storage grows by fixed-size chunks, so
 * nothing is ever copied and a small input costs one small chunk.
 */
export class NodeArena {
  private readonly chunks: Int32Array[] = [];
  size = 0;

  open(start: number): number {
    const id = this.size++;
    const offset = (id & CHUNK_MASK) * FIELDS;
    let chunk = this.chunks[id >>> CHUNK_BITS];
    if (chunk === undefined) {
      // The first chunk starts small (most inputs are small) and doubles up to full size.
      chunk = new Int32Array((id === 0 ? 256 : CHUNK_NODES) * FIELDS);
      this.chunks.push(chunk);
    } else if (offset === chunk.length) {
      const bigger = new Int32Array(chunk.length * 2);
      bigger.set(chunk);
      chunk = bigger;
      this.chunks[id >>> CHUNK_BITS] = chunk;
    }
    chunk[offset] = start;
    return id;
  }

  close(id: number, end: number, kind: NodeKind): void {
    const chunk = this.chunks[id >>> CHUNK_BITS];
    if (chunk === undefined) return;
    const offset = (id & CHUNK_MASK) * FIELDS;
    chunk[offset + 1] = end;
    chunk[offset + 2] = this.size - 1;
    chunk[offset + 3] = kind;
  }

  private field(node: number, field: number): number | undefined {
    return this.chunks[node >>> CHUNK_BITS]?.[(node & CHUNK_MASK) * FIELDS + field];
  }

  start(node: number): number {
    return this.field(node, 0) ?? 0;
  }

  end(node: number): number {
    return this.field(node, 1) ?? 0;
  }

  /** The last node of the node's subtree. */
  last(node: number): number {
    return this.field(node, 2) ?? node;
  }

  kind(node: number): NodeKind {
    const kind = this.field(node, 3);
    return kind === NodeKind.Mapping ? NodeKind.Mapping : kind === NodeKind.Sequence ? NodeKind.Sequence : NodeKind.Other;
  }

  /** The children of a node, in order. */
  children(node: number): number[] {
    const out: number[] = [];
    const last = this.last(node);
    for (let child = node + 1; child <= last; child = this.last(child) + 1) out.push(child);
    return out;
  }
}

export class NodeTracker {
  /** Document roots in order (each top-level close is one document), and their values. */
  readonly roots: number[] = [];
  readonly rootValues: unknown[] = [];
  private readonly arena: NodeArena;
  /** Added to js-yaml's offsets: where the parsed text starts in the input. */
  private readonly base: number;
  /** Open nodes; the parser's own depth limit bounds it, and it grows if that limit is raised. */
  private stack: Int32Array = new Int32Array(256);
  private depth = 0;
  private readonly maxAliasCount: number;
  private readonly maxDocuments: number;
  /** Alias expansions of the current document so far, and the log that attributes them to nodes. */
  private expansions = 0;
  private readonly aliasNodes: number[] = [];
  private readonly aliasTotals: number[] = [];
  /** Expansions a full walk of each anchored node performs (most inputs have no anchors: made on first use). */
  private anchorExpansions: Map<string, number> | undefined;

  constructor(arena: NodeArena, base: number, limits: { readonly maxAliasCount: number; readonly maxDocuments: number }) {
    this.arena = arena;
    this.base = base;
    this.maxAliasCount = limits.maxAliasCount;
    this.maxDocuments = limits.maxDocuments;
  }

  /** Pass as js-yaml's `listener`. */
  readonly listener = (event: 'open' | 'close', state: ParserState): void => {
    if (event === 'open') {
      if (this.depth === this.stack.length) this.stack = growStack(this.stack);
      this.stack[this.depth++] = this.arena.open(this.base + state.position);
      return;
    }
    if (this.depth === 0) return;
    const node = this.stack[--this.depth] ?? 0;
    const kind = state.kind;
    this.arena.close(node, this.base + state.position, kind === 'mapping' ? NodeKind.Mapping : kind === 'sequence' ? NodeKind.Sequence : NodeKind.Other);
    if (kind === null && state.result !== null) this.countAlias(node, state.input);
    if (state.anchor !== null) (this.anchorExpansions ??= new Map()).set(state.anchor, this.expansions - this.expansionsBefore(node));
    if (this.depth === 0) this.endDocument(node, state.result);
  };

  private endDocument(root: number, value: unknown): void {
    this.roots.push(root);
    this.rootValues.push(value);
    if (this.roots.length > this.maxDocuments) throw new DocumentLimitError(`more than ${this.maxDocuments} documents`);
    // Anchors are per document.
    this.anchorExpansions?.clear();
    this.expansions = 0;
    this.aliasNodes.length = 0;
    this.aliasTotals.length = 0;
  }

  /**
   * A node without a kind but with a value is an alias (or an empty node with an explicit tag,
   * which the text tells apart). Its cost is one expansion plus whatever its anchor expands.
   */
  private countAlias(node: number, input: string): void {
    const at = skipBlanks(input, this.arena.start(node) - this.base);
    if (input.charCodeAt(at) !== 0x2a /* * */) return;
    const name = aliasName(input, at + 1);
    const inner = this.anchorExpansions?.get(name);
    if (inner === undefined) {
      // js-yaml resolved the alias, so its anchor exists but has not closed: it is an ancestor,
      // and the value would contain itself.
      throw new AliasLimitError(`alias *${name} refers to a node that contains it (a cycle)`, this.base + at);
    }
    this.expansions = Math.min(this.expansions + 1 + inner, this.maxAliasCount + 1);
    if (this.expansions > this.maxAliasCount) {
      throw new AliasLimitError(`the document expands aliases more than ${this.maxAliasCount} times`, this.base + at);
    }
    this.aliasNodes.push(node);
    this.aliasTotals.push(this.expansions);
  }

  /** The document's expansion count just before `node` opened (aliases are logged in node order). */
  private expansionsBefore(node: number): number {
    let low = 0;
    let high = this.aliasNodes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.aliasNodes[mid] ?? 0) < node) low = mid + 1;
      else high = mid;
    }
    return low === 0 ? 0 : (this.aliasTotals[low - 1] ?? 0);
  }
}

function growStack(stack: Int32Array): Int32Array {
  const bigger = new Int32Array(stack.length * 2);
  bigger.set(stack);
  return bigger;
}

/** Skips spaces, tabs, line breaks and comments. */
export function skipBlanks(input: string, from: number): number {
  let at = from;
  for (;;) {
    const ch = input.charCodeAt(at);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) at++;
    else if (ch === 0x23 /* # */) {
      while (at < input.length && input.charCodeAt(at) !== 0x0a) at++;
    } else return at;
  }
}

function aliasName(input: string, from: number): string {
  let at = from;
  while (at < input.length && !/[\s,[\]{}\0]/.test(input.charAt(at))) at++;
  return input.slice(from, at);
}
