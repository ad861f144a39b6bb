/** Positional YAML/JSON parsing: values with exact source positions, located errors, bounded aliases. */
export { parseStream, parseFloor, DEFAULT_PARSE_LIMITS } from './parse.js';
export type { ParsedDocument, ParseError, ParseErrorKind, ParseLimits, ParseOptions, ParseResult } from './parse.js';
export { splitDocuments } from './documents.js';
export type { DocumentSlice } from './documents.js';
export { NodeArena } from './node-tracker.js';
