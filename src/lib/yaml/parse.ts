/**
 * Positional parsing of YAML and JSON streams: every document comes back with its value and a
 * PositionMap, and every failure as a located error instead of an exception, one document at a
 * time (a bad document never loses its neighbours).
 *
 * Why js-yaml plus a listener: it is several times faster than a CST-keeping parser, and its node
 * events give exact key and item positions for the price of a callback per node (see
 * node-tracker.ts). JSON is parsed by the same parser (JSON is YAML 1.2 in flow style) so JSON
 * inputs get positions too.
 */
import yaml from 'js-yaml';
import type { Position, PositionMap } from '../../model/source.js';
import { splitDocuments, type DocumentSlice } from './documents.js';
import { jsonErrorMessage } from '../json-error.js';
import { jsonErrorOffset } from '../json-error-offset.js';
import { LineIndex } from '../line-index.js';
import { AliasLimitError, DocumentLimitError, NodeArena, NodeTracker } from './node-tracker.js';
import { TrackedPositionMap } from './position-map.js';
import { KUBERNETES_SCHEMA } from './schema.js';

export interface ParseLimits {
  /** Most alias expansions per document. */
  readonly maxAliasCount: number;
  /** Most documents in the stream; the rest are not parsed. */
  readonly maxDocuments: number;
  /** Deepest nesting accepted. */
  readonly maxDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxAliasCount: 1000, maxDocuments: 100_000, maxDepth: 200 };

export interface ParsedDocument {
  /** 0-based index of the document in the stream. */
  readonly index: number;
  readonly value: unknown;
  readonly position: Position;
  readonly positions: PositionMap;
}

/**
 * `duplicate-key` loses nothing: the document is read with the last value of the key, as kubectl
 * reads it, so a hostile manifest cannot hide a field from the scan behind a duplicate.
 */
export type ParseErrorKind = 'syntax' | 'alias-limit' | 'too-deep' | 'too-many-documents' | 'duplicate-key';

export interface ParseError {
  readonly kind: ParseErrorKind;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

export interface ParseResult {
  readonly documents: ParsedDocument[];
  readonly errors: ParseError[];
}

export interface ParseOptions {
  /**
   * Where node positions are stored. A scan of many files passes one arena for all of them, so
   * small files share storage instead of each starting a chunk. Defaults to a new arena.
   */
  readonly arena?: NodeArena;
  /** Parse as a stream of JSON texts, one document each (duplicate keys allowed, last wins, as in JSON.parse). */
  readonly json?: boolean;
  readonly limits?: Partial<ParseLimits>;
}

/** The js-yaml options we pass; its type declarations lag behind the options it accepts. */
interface LoaderOptions extends yaml.LoadOptions {
  readonly maxDepth?: number;
}

export function parseStream(text: string, options: ParseOptions = {}): ParseResult {
  const input = withoutDocumentByteOrderMarks(text);
  const parse: Parse = { input, lines: new LineIndex(input), arena: options.arena ?? new NodeArena(), limits: { ...DEFAULT_PARSE_LIMITS, ...options.limits } };
  if (options.json === true) return parseJsonTexts(parse);
  const read = parseYaml(parse);
  // kubectl reads any input that starts with "{" as JSON, whatever its name: objects one per
  // line (`jq -c '.items[]' > pods.yaml`) are no YAML stream but are all applied.
  if (read.errors.length > 0 && STARTS_AS_JSON.test(input)) {
    const json = parseJsonTexts(parse);
    if (json.errors.length === 0) return json;
  }
  return read;
}

const STARTS_AS_JSON = /^\s*\{/;

interface Parse {
  readonly input: string;
  readonly lines: LineIndex;
  readonly arena: NodeArena;
  readonly limits: ParseLimits;
}

/** The documents of one parse, numbered as the user sees the stream: documents lost to errors still count. */
class Kept {
  readonly documents: ParsedDocument[] = [];
  readonly errors: ParseError[] = [];
  lost = 0;
  readonly #parse: Parse;

  constructor(parse: Parse) {
    this.#parse = parse;
  }

  keep(tracker: NodeTracker, count: number): void {
    const { arena, input, lines } = this.#parse;
    for (let i = 0; i < count; i++) {
      const root = tracker.roots[i] ?? 0;
      const value = tracker.rootValues[i];
      this.documents.push(new TrackedDocument(this.documents.length + this.lost, value, new TrackedPositionMap(arena, root, value, input, lines)));
    }
  }

  result(): ParseResult {
    return { documents: this.documents, errors: this.errors };
  }

  tooMany(offset: number): void {
    const max = this.#parse.limits.maxDocuments;
    this.errors.push({ kind: 'too-many-documents', message: `more than ${max} documents; the rest were not read`, ...this.#parse.lines.position(offset) });
  }
}

function parseJsonTexts(parse: Parse): ParseResult {
  const { input, lines, arena, limits } = parse;
  const kept = new Kept(parse);
  const { texts, error } = jsonTexts(input, lines);
  for (const { start, end } of texts) {
    if (kept.documents.length >= limits.maxDocuments) {
      kept.tooMany(start);
      return kept.result();
    }
    const tracker = new NodeTracker(arena, start, { maxAliasCount: limits.maxAliasCount, maxDocuments: 1 });
    const failure = loadAll(start === 0 && end === input.length ? input : input.slice(start, end), tracker, true, limits.maxDepth);
    if (failure === undefined) {
      kept.keep(tracker, tracker.roots.length);
    } else {
      kept.errors.push(toParseError(failure, start, lines).error);
      kept.lost++;
    }
  }
  if (error !== undefined) kept.errors.push(error);
  return kept.result();
}

function parseYaml(parse: Parse): ParseResult {
  const { input, lines, arena, limits } = parse;
  const kept = new Kept(parse);
  const { documents, errors } = kept;
  let slices: DocumentSlice[] | undefined;
  // The whole stream is parsed in one go (fastest); after an error, parsing resumes at the
  // document after the bad one, and only the bad document is lost.
  for (let from = 0; from < input.length; ) {
    const tracker = new NodeTracker(arena, from, { maxAliasCount: limits.maxAliasCount, maxDocuments: limits.maxDocuments - documents.length });
    const failure = loadAll(from === 0 ? input : input.slice(from), tracker, false, limits.maxDepth);
    if (failure === undefined) {
      kept.keep(tracker, tracker.roots.length);
      break;
    }
    if (failure instanceof DocumentLimitError) {
      kept.keep(tracker, Math.min(tracker.roots.length, limits.maxDocuments - documents.length));
      kept.tooMany(arena.start(tracker.roots[tracker.roots.length - 1] ?? 0));
      break;
    }
    const error = toParseError(failure, from, lines);
    errors.push(error.error);
    slices ??= splitDocuments(input);
    const bad = sliceAt(slices, error.offset, from);
    kept.keep(tracker, tracker.roots.filter((root) => arena.start(root) < bad.start).length);
    if (error.error.kind === 'duplicate-key') {
      // Read again with the last value winning (js-yaml's JSON.parse compatibility); only this
      // document pays for it.
      const retry = new NodeTracker(arena, bad.start, { maxAliasCount: limits.maxAliasCount, maxDocuments: 1 });
      if (bad.end > from && loadAll(input.slice(bad.start, bad.end), retry, true, limits.maxDepth) === undefined && retry.roots.length === 1) {
        kept.keep(retry, 1);
        from = bad.end;
        continue;
      }
      errors[errors.length - 1] = { ...error.error, kind: 'syntax' };
    }
    kept.lost++;
    if (bad.end <= from) break;
    from = bad.end;
  }
  return kept.result();
}

/** A byte order mark that opens a document after a `---` line (the marker may carry a comment). */
const BOM_AFTER_MARKER = /^(---[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n))\ufeff/gm;

/**
 * YAML lets a byte order mark open any document of a stream, not only the first, and kubectl reads
 * each document between `---` lines on its own, dropping a leading mark: `cat`ing files saved by a
 * Windows editor gives such streams. Read as content, the mark would glue itself to the first key
 * (`\ufeffapiVersion`) and the document, kubectl-valid, would be skipped unscanned. Marks are
 * removed rather than replaced so lines stay where they are (an invisible mark takes no column in
 * an editor either); a mark anywhere else is left to the parser.
 */
function withoutDocumentByteOrderMarks(text: string): string {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return input.includes('\ufeff') ? input.replace(BOM_AFTER_MARKER, '$1') : input;
}

/**
 * A JSON input as kubectl reads it: a stream of JSON texts, each one object (`{...}{...}`, or one
 * per line as `jq -c` and `kubectl get -o json` in a loop write them), all applied. Taken as one
 * text, such a file was refused whole and every object in it went unscanned.
 *
 * YAML accepts more than JSON does (trailing commas, comments, unquoted strings), so each text is
 * checked by the JSON parser itself first. Its message loses the excerpt V8 quotes (a manifest may
 * hold a secret where it stops being JSON), and the place is found by walking the text again, as
 * V8 names no offset for the commonest error, an unexpected token. The texts before an error are
 * kept; after it, where the next one starts cannot be told.
 */
function jsonTexts(input: string, lines: LineIndex): { texts: { start: number; end: number }[]; error?: ParseError } {
  const texts: { start: number; end: number }[] = [];
  // An empty input is not JSON either: the loop runs at least once.
  for (let from = 0; from < input.length || texts.length === 0; ) {
    const rest = from === 0 ? input : input.slice(from);
    const failure = jsonFailure(rest);
    if (failure === undefined) {
      texts.push({ start: from, end: input.length });
      break;
    }
    const offset = jsonErrorOffset(rest);
    // A whole text ends where the error is: the next text of the stream starts there.
    if (offset !== undefined && offset > 0 && jsonFailure(rest.slice(0, offset)) === undefined) {
      texts.push({ start: from, end: from + offset });
      from += offset;
      continue;
    }
    const named = /at position (\d+)/.exec(failure.message)?.[1];
    const at = from + (offset ?? (named === undefined ? rest.length : Number(named)));
    return { texts, error: { kind: 'syntax', message: jsonErrorMessage(failure).replace(/ in JSON at position \d+.*$/s, ''), ...lines.position(at) } };
  }
  return { texts };
}

/** What JSON.parse threw for `text`, if anything. */
function jsonFailure(text: string): Error | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** A document whose position is worked out when first asked for (most never are). */
class TrackedDocument implements ParsedDocument {
  readonly index: number;
  readonly value: unknown;
  readonly positions: TrackedPositionMap;

  constructor(index: number, value: unknown, positions: TrackedPositionMap) {
    this.index = index;
    this.value = value;
    this.positions = positions;
  }

  get position(): Position {
    return this.positions.rootPosition();
  }
}

/** Runs js-yaml over `text`; returns what it threw, if anything. */
function loadAll(text: string, tracker: NodeTracker, json: boolean, maxDepth: number): unknown {
  const loaderOptions: LoaderOptions = {
    schema: KUBERNETES_SCHEMA,
    json,
    maxDepth,
    // The parser state is what the tracker reads (its declared type is a narrower view of it).
    listener: tracker.listener as unknown as NonNullable<yaml.LoadOptions['listener']>,
  };
  try {
    yaml.loadAll(text, undefined, loaderOptions);
    return undefined;
  } catch (error) {
    return error ?? new Error('parser failed');
  }
}

/**
 * The document an error belongs to. An error found exactly at a document's first character (a
 * `---` line) was detected there because the previous document ran into it (an unterminated
 * string, an open flow collection), so it belongs to the previous document.
 */
function sliceAt(slices: readonly DocumentSlice[], offset: number, from: number): DocumentSlice {
  let index = 0;
  while (index + 1 < slices.length && (slices[index + 1]?.start ?? Infinity) <= offset) index++;
  const found = slices[index];
  const previous = slices[index - 1];
  if (found !== undefined && previous !== undefined && found.start === offset && previous.start >= from) return previous;
  return found ?? { start: from, end: offset + 1, line: 0 };
}

function toParseError(error: unknown, base: number, lines: LineIndex): { error: ParseError; offset: number } {
  if (error instanceof AliasLimitError) {
    return { error: { kind: 'alias-limit', message: error.message, ...lines.position(error.offset) }, offset: error.offset };
  }
  if (error instanceof yaml.YAMLException) {
    const mark = error.mark as { position?: number } | undefined;
    const offset = base + (mark?.position ?? 0);
    return { error: { kind: classify(error.reason), message: error.reason, ...lines.position(offset) }, offset };
  }
  // A RangeError (stack) or anything else the parser let escape: still a located syntax problem.
  return { error: { kind: 'syntax', message: error instanceof Error ? error.message : String(error), ...lines.position(base) }, offset: base };
}

function classify(reason: string): ParseErrorKind {
  if (reason.startsWith('nesting exceeded maxDepth')) return 'too-deep';
  if (reason.startsWith('merge keys exceeded') || reason === 'abnormal merge sequence size') return 'alias-limit';
  if (reason === 'duplicated mapping key') return 'duplicate-key';
  return 'syntax';
}

/**
 * The parse floor: the plain parse of the same text, with no positions, no splitting and no
 * checks. Benchmarks compare a full scan against this to show what positions and checks cost.
 */
export function parseFloor(text: string): unknown[] {
  return yaml.loadAll(text);
}
