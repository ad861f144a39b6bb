/**
 * Splits a YAML stream into document slices so that a syntax error in one document never loses
 * the others (a YAML parser gives up on the whole stream at the first error).
 *
 * A slice boundary is a `---` line at column 0 (YAML forbids document markers at the start of a
 * line inside content, so this split agrees with the grammar) and the line after a `...` end
 * marker. A `---` that follows only comments, blank lines and directives belongs to the slice it
 * opens, so `%YAML 1.2\n---` stays together.
 */

export interface DocumentSlice {
  /** Offset of the slice in the stream (UTF-16 code units). */
  readonly start: number;
  readonly end: number;
  /** 0-based line of `start` in the stream. */
  readonly line: number;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
/** A line with content: not blank, not a comment, not a directive. */
const CONTENT = /^[ \t]*[^\s#%]/gm;

export function splitDocuments(text: string): DocumentSlice[] {
  const slices: DocumentSlice[] = [];
  let sliceStart = 0;
  let sliceLine = 0;
  let lineCursor = 0; // offset up to which newlines have been counted into cursorLine
  let cursorLine = 0;
  const lineOf = (offset: number): number => {
    for (let i = text.indexOf('\n', lineCursor); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) cursorLine++;
    lineCursor = offset;
    return cursorLine;
  };
  const cut = (at: number): void => {
    slices.push({ start: sliceStart, end: at, line: sliceLine });
    sliceStart = at;
    sliceLine = lineOf(at);
  };

  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(text); match !== null; match = MARKER.exec(text)) {
    const at = match.index;
    if (match[0] === '---') {
      if (hasContent(text, sliceStart, at)) cut(at);
    } else {
      const lineEnd = text.indexOf('\n', at);
      if (lineEnd === -1) break;
      cut(lineEnd + 1);
    }
  }
  if (sliceStart < text.length || slices.length === 0) slices.push({ start: sliceStart, end: text.length, line: sliceLine });
  return slices;
}

/** Whether text[from, to) holds a line that is neither blank, a comment nor a directive. */
function hasContent(text: string, from: number, to: number): boolean {
  if (from === to) return false;
  CONTENT.lastIndex = from;
  const match = CONTENT.exec(text);
  return match !== null && match.index < to;
}
