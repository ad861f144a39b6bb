/**
 * A pull reader of JSON that holds a window of the file, never the whole text or a tree of it: an
 * SBOM is attacker-controlled and up to 256 MiB, and JSON.parse of a 76 MB one took 1.7 GB before
 * anything was read from it. The caller asks for the values it wants (bounded in size) and skips
 * the rest, which costs no memory. Every error says where it is (line and column, in characters).
 */
import { readSync } from 'node:fs';

/** Where in the document: 1-based line and column. */
export interface JsonPlace {
  readonly line: number;
  readonly column: number;
}

/** The document is not JSON (syntax), or is JSON beyond a limit of the reader (limit). */
export class SbomJsonError extends Error {
  readonly kind: 'syntax' | 'limit';
  readonly place: JsonPlace;
  constructor(kind: 'syntax' | 'limit', message: string, place: JsonPlace) {
    super(message);
    this.kind = kind;
    this.place = place;
  }
}

/** Bytes of the document, in order; 0 at the end. */
export type ByteSource = (into: Buffer, offset: number, length: number) => number;

export function fileSource(fd: number): ByteSource {
  return (into, offset, length) => readSync(fd, into, offset, length, null);
}

export function bufferSource(buffer: Buffer): ByteSource {
  let at = 0;
  return (into, offset, length) => {
    const n = buffer.copy(into, offset, at, Math.min(buffer.length, at + length));
    at += n;
    return n;
  };
}

export interface CursorLimits {
  /** Containers open at once: objects and arrays nested this deep are refused. */
  readonly maxDepth: number;
}

const CHUNK = 1024 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const ESCAPES: Readonly<Record<number, string>> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'literal' | 'end';

export class JsonCursor {
  private buffer = Buffer.alloc(CHUNK);
  private pos = 0;
  private len = 0;
  private eof = false;
  /** Newlines before buffer[0], and characters since the last of them. */
  private linesBefore = 0;
  private charsBefore = 0;
  /** Per open container: true while no member has been read yet. */
  private readonly first: boolean[] = [];
  private readonly closers: number[] = [];
  private readonly source: ByteSource;
  private readonly limits: CursorLimits;

  constructor(source: ByteSource, limits: CursorLimits) {
    this.source = source;
    this.limits = limits;
    this.fill(3);
    // A UTF-8 byte order mark (Windows tools write one); JSON.parse would call it a syntax error.
    if (this.len >= 3 && this.buffer[0] === 0xef && this.buffer[1] === 0xbb && this.buffer[2] === 0xbf) {
      this.pos = 3;
      // Dropped, and not counted as a character: columns are the editor's, which hides the mark.
      this.drop();
      this.charsBefore = 0;
    }
  }

  /** What the next value is, without reading it. */
  kind(): JsonKind {
    const c = this.peek();
    if (c === 0x7b) return 'object';
    if (c === 0x5b) return 'array';
    if (c === QUOTE) return 'string';
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return 'number';
    if (c === 0x74 || c === 0x66 || c === 0x6e) return 'literal';
    if (c === -1) return 'end';
    throw this.syntax(`unexpected ${describe(c)}`);
  }

  beginObject(): void {
    this.open(0x7b, 0x7d);
  }

  beginArray(): void {
    this.open(0x5b, 0x5d);
  }

  /**
   * The next key of the open object (its ':' read), or undefined once the object is closed. A key
   * longer than `maxKeyBytes` is no key the caller reads: it comes back as ''.
   */
  nextKey(maxKeyBytes = 256): string | undefined {
    if (!this.nextMember(0x7d)) return undefined;
    if (this.peek() !== QUOTE) throw this.syntax(`expected a string key, found ${describe(this.peek())}`);
    const key = this.string(maxKeyBytes) ?? '';
    if (this.peek() !== 0x3a) throw this.syntax(`expected ':' after a key, found ${describe(this.peek())}`);
    this.pos += 1;
    return key;
  }

  /** Whether the open array has another element (then read or skip it), false once it is closed. */
  nextElement(): boolean {
    return this.nextMember(0x5d);
  }

  /**
   * The next value when it is a string of at most `maxBytes` UTF-8 bytes; any other value is
   * skipped and gives undefined (what the SBOM readers make of a field of the wrong type). A longer
   * string is refused: the caller keeps what it reads, so what it reads must be bounded.
   */
  stringOrSkip(maxBytes: number, what: string): string | undefined {
    if (this.kind() !== 'string') {
      this.skip();
      return undefined;
    }
    const value = this.string(maxBytes);
    // Placed where the string ends: where it began may be out of the window by now.
    if (value === undefined) throw new SbomJsonError('limit', `${what} longer than ${maxBytes} bytes (the string ending here)`, this.place());
    return value;
  }

  /** Skips the next value, however large, holding none of it. */
  skip(): void {
    const depth = this.closers.length;
    do {
      const kind = this.kind();
      if (kind === 'object' || kind === 'array') {
        this.open(kind === 'object' ? 0x7b : 0x5b, kind === 'object' ? 0x7d : 0x5d);
      } else if (kind === 'end') {
        throw this.syntax('the document ends inside a value');
      } else {
        this.scalar(kind);
      }
      // Close what ends here, then step to the next member of what stays open.
      while (this.closers.length > depth) {
        const object = this.closers.at(-1) === 0x7d;
        if (object ? this.nextKey(0) !== undefined : this.nextElement()) break;
      }
    } while (this.closers.length > depth);
  }

  /** After the top-level value: nothing but whitespace may follow. */
  end(): void {
    if (this.peek() !== -1) throw this.syntax(`more than one JSON value (${describe(this.peek())} after the first one ends); one SBOM document per file, not JSON Lines`);
  }

  place(): JsonPlace {
    let line = this.linesBefore + 1;
    let lineStart = -1;
    for (let i = this.buffer.indexOf(NEWLINE, 0); i !== -1 && i < this.pos; i = this.buffer.indexOf(NEWLINE, i + 1)) {
      line += 1;
      lineStart = i;
    }
    const chars = characters(this.buffer, lineStart + 1, this.pos);
    return { line, column: (lineStart === -1 ? this.charsBefore + chars : chars) + 1 };
  }

  private open(opener: number, closer: number): void {
    if (this.peek() !== opener) throw this.syntax(`expected ${describe(opener)}, found ${describe(this.peek())}`);
    if (this.closers.length >= this.limits.maxDepth) throw new SbomJsonError('limit', `objects and arrays nested deeper than ${this.limits.maxDepth} levels`, this.place());
    this.pos += 1;
    this.closers.push(closer);
    this.first.push(true);
  }

  private nextMember(closer: number): boolean {
    if (this.closers.at(-1) !== closer) throw new Error('JsonCursor: no such container is open');
    const c = this.peek();
    if (c === closer) {
      this.pos += 1;
      this.closers.pop();
      this.first.pop();
      return false;
    }
    if (this.first[this.first.length - 1] === true) {
      this.first[this.first.length - 1] = false;
      // A ',' opening a container is caught by whoever reads the value: it is not a value.
      return true;
    }
    if (c !== 0x2c) throw this.syntax(c === -1 ? 'the document ends inside a value' : `expected ',' or ${describe(closer)}, found ${describe(c)}`);
    this.pos += 1;
    if (closer === 0x7d ? this.peek() === 0x7d : this.peek() === 0x5d) throw this.syntax(`a trailing ',' before ${describe(closer)}`);
    return true;
  }

  private scalar(kind: 'string' | 'number' | 'literal'): void {
    if (kind === 'string') this.string(0);
    else if (kind === 'number') this.number();
    else this.literal();
  }

  private literal(): void {
    this.fill(5);
    for (const word of ['true', 'false', 'null']) {
      if (this.pos + word.length <= this.len && this.buffer.toString('latin1', this.pos, this.pos + word.length) === word) {
        this.pos += word.length;
        return;
      }
    }
    throw this.syntax(`unexpected ${describe(this.buffer[this.pos] ?? -1)}`);
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? (RFC 8259 section 6); the value is not needed. */
  private number(): void {
    const digits = (atLeastOne: boolean): void => {
      let n = 0;
      while (isDigit(this.byteAt())) {
        this.pos += 1;
        n += 1;
      }
      if (atLeastOne && n === 0) throw this.syntax(`a malformed number (expected a digit, found ${describe(this.byteAt())})`);
    };
    if (this.byteAt() === 0x2d) this.pos += 1;
    if (this.byteAt() === 0x30) this.pos += 1;
    else digits(true);
    if (this.byteAt() === 0x2e) {
      this.pos += 1;
      digits(true);
    }
    const e = this.byteAt();
    if (e === 0x65 || e === 0x45) {
      this.pos += 1;
      const sign = this.byteAt();
      if (sign === 0x2b || sign === 0x2d) this.pos += 1;
      digits(true);
    }
  }

  /**
   * A string, decoded when it has at most `maxBytes` bytes between its quotes; a longer one is read
   * to its end, kept nowhere, and gives undefined.
   */
  private string(maxBytes: number): string | undefined {
    this.pos += 1;
    let start = this.pos;
    /** The string so far: decoded parts, and the bytes before `start` (only counted once too long). */
    const read = { parts: [] as string[], bytes: 0, tooLong: false };
    const keep = (from: number, to: number, escaped?: string): void => {
      read.bytes += to - from + (escaped?.length ?? 0);
      if (!read.tooLong && read.bytes > maxBytes) {
        read.tooLong = true;
        read.parts = [];
      }
      if (read.tooLong) return;
      if (to > from) read.parts.push(this.buffer.toString('utf8', from, to));
      if (escaped !== undefined) read.parts.push(escaped);
    };
    for (;;) {
      // The common case, a run of plain bytes, in a tight loop.
      const buffer = this.buffer;
      const len = this.len;
      let i = this.pos;
      let c = -1;
      while (i < len) {
        c = buffer[i] as number;
        if (c === QUOTE || c === BACKSLASH || c < 0x20) break;
        i += 1;
      }
      this.pos = i;
      if (i >= len) {
        // Out of window: what is read so far is decoded (or dropped when too long) before the
        // window moves, up to the last whole character (one cut in two would decode as U+FFFD).
        const cut = characterBoundary(buffer, start, i);
        keep(start, cut);
        this.pos = cut;
        if (!this.fill(this.len - cut + 1)) throw this.syntax('the document ends inside a string');
        start = this.pos;
        continue;
      }
      if (c === QUOTE) break;
      if (c < 0x20) throw this.syntax(`a control character (U+${c.toString(16).padStart(4, '0').toUpperCase()}) inside a string; JSON requires it escaped`);
      const before = this.pos;
      const escaped = this.escape();
      keep(start, before, escaped);
      start = this.pos;
    }
    keep(start, this.pos);
    this.pos += 1;
    if (read.tooLong) return undefined;
    return read.parts.length === 1 ? read.parts[0] : read.parts.join('');
  }

  /** One escape after its backslash; \uXXXX as the UTF-16 unit it names (pairs join up in the string). */
  private escape(): string {
    this.fill(6);
    const c = this.pos + 1 < this.len ? this.buffer[this.pos + 1] ?? -1 : -1;
    const simple = ESCAPES[c];
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    if (c === 0x75) {
      const hex = this.buffer.toString('latin1', this.pos + 2, this.pos + 6);
      if (this.pos + 6 <= this.len && /^[0-9a-fA-F]{4}$/.test(hex)) {
        this.pos += 6;
        return String.fromCharCode(parseInt(hex, 16));
      }
    }
    this.pos += 1;
    throw this.syntax(`an invalid escape \\${c === -1 ? '' : String.fromCharCode(c)}`);
  }

  private peek(): number {
    for (;;) {
      while (this.pos < this.len) {
        const c = this.buffer[this.pos] ?? 0;
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c;
        this.pos += 1;
      }
      if (!this.fill(1)) return -1;
    }
  }

  private byteAt(): number {
    return this.fill(1) ? this.buffer[this.pos] ?? -1 : -1;
  }

  /**
   * Makes `want` bytes available from pos, moving the window on: what is behind pos is dropped,
   * its newlines counted for positions. False when the document ends first.
   */
  private fill(want: number): boolean {
    if (this.len - this.pos >= want) return true;
    if (this.eof) return this.len - this.pos >= want;
    this.drop();
    while (this.len - this.pos < want && !this.eof) {
      if (this.len === this.buffer.length) this.buffer = Buffer.concat([this.buffer, Buffer.alloc(CHUNK)]);
      const n = this.source(this.buffer, this.len, this.buffer.length - this.len);
      if (n === 0) this.eof = true;
      this.len += n;
    }
    return this.len - this.pos >= want;
  }

  private drop(): void {
    if (this.pos === 0) return;
    let last = -1;
    for (let i = this.buffer.indexOf(NEWLINE, 0); i !== -1 && i < this.pos; i = this.buffer.indexOf(NEWLINE, i + 1)) {
      this.linesBefore += 1;
      last = i;
    }
    const chars = characters(this.buffer, last + 1, this.pos);
    this.charsBefore = last === -1 ? this.charsBefore + chars : chars;
    this.buffer.copy(this.buffer, 0, this.pos, this.len);
    this.len -= this.pos;
    this.pos = 0;
  }

  private syntax(message: string): SbomJsonError {
    return new SbomJsonError('syntax', message, this.place());
  }
}

/** Characters (not UTF-8 continuation bytes) in buffer[from, to). */
function characters(buffer: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) if (((buffer[i] ?? 0) & 0xc0) !== 0x80) n += 1;
  return n;
}

/** `to`, or where the UTF-8 sequence that `to` cuts in two begins. */
function characterBoundary(buffer: Buffer, from: number, to: number): number {
  for (let i = to - 1; i >= Math.max(from, to - 3); i -= 1) {
    const b = buffer[i] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + length > to ? i : to;
  }
  return to;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A byte for a message: printable ASCII quoted, anything else by its code (never a run of the input). */
function describe(c: number): string {
  if (c === -1) return 'the end of the document';
  return c > 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
