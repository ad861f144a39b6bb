/**
 * Where JSON text stops being JSON, for the messages of documents JSON.parse rejected. V8 names
 * the offset of some errors ("at position 12") but not of an unexpected token, the most common
 * one ("Unexpected token 'o', ..."), so the text is walked again: only on failure, without
 * recursion (nesting depth is the attacker's choice), in one pass.
 */

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const LITERAL = /true|false|null/y;

type Expect = 'value' | 'key' | 'colon' | 'after-value' | 'first-value' | 'first-key';

/** The offset of the first character that makes `text` invalid JSON, or undefined when it is valid. */
export function jsonErrorOffset(text: string): number | undefined {
  const open: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && WHITESPACE.has(text.charAt(i))) i++;
    if (i >= text.length) return expect === 'after-value' && open.length === 0 ? undefined : i;
    const c = text.charAt(i);
    if (expect === 'after-value') {
      const container = open[open.length - 1];
      if (container === undefined) return i; // text after the document
      if (c === ',') expect = container === '{' ? 'key' : 'value';
      else if ((c === '}' && container === '{') || (c === ']' && container === '[')) open.pop();
      else return i;
      i++;
      continue;
    }
    if (expect === 'colon') {
      if (c !== ':') return i;
      expect = 'value';
      i++;
      continue;
    }
    if ((expect === 'first-key' && c === '}') || (expect === 'first-value' && c === ']')) {
      open.pop();
      expect = 'after-value';
      i++;
      continue;
    }
    if (expect === 'key' || expect === 'first-key') {
      if (c !== '"') return i;
      const end = stringEnd(text, i);
      if (end.error) return end.at;
      expect = 'colon';
      i = end.at;
      continue;
    }
    if (c === '{' || c === '[') {
      open.push(c);
      expect = c === '{' ? 'first-key' : 'first-value';
      i++;
      continue;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end.error) return end.at;
      i = end.at;
    } else {
      const end = matchAt(c === 't' || c === 'f' || c === 'n' ? LITERAL : NUMBER, text, i);
      if (end === undefined) return i;
      i = end;
    }
    expect = 'after-value';
  }
}

/** A loop, not a regular expression: a string may be megabytes long. */
function stringEnd(text: string, start: number): { error: boolean; at: number } {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return { error: false, at: i + 1 };
    if (code < 0x20) return { error: true, at: i };
    if (code === 0x5c) {
      const end = matchAt(ESCAPE, text, i);
      if (end === undefined) return { error: true, at: i };
      i = end;
    } else {
      i++;
    }
  }
  return { error: true, at: i };
}

/**
 * The line and column (1-based) where `text` stops being JSON: a hand-edited document needs them,
 * not an offset. `firstLine` is the line `text` starts on (JSON lines).
 */
export function jsonErrorPlace(text: string, firstLine = 1): { line: number; column: number } | undefined {
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: firstLine + (before.match(/\n/g)?.length ?? 0), column: before.length - lineStart + 1 };
}

function matchAt(pattern: RegExp, text: string, at: number): number | undefined {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : undefined;
}
