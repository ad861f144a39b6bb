/**
 * From text to logical lines, as the builder reads a Dockerfile (Dockerfile reference: parser
 * directives, escape, line continuations, comments, here-documents):
 *  - parser directives (`# syntax=`, `# escape=`, `# check=`) count only at the very top, before
 *    any comment, blank line or instruction; an unknown one is an ordinary comment and ends them;
 *  - the escape character at the end of a line (trailing blanks allowed) continues the
 *    instruction on the next line; comment lines and blank lines inside a continuation vanish;
 *  - RUN, COPY and ADD may name here-documents (`<<EOF`, `<<-EOF`, `<<"EOF"`) whose bodies are the
 *    following lines up to the delimiter.
 */
import type { DockerComment, DockerfileError, Heredoc } from './types.js';
import { splitWords } from './words.js';

export interface LogicalLine {
  readonly text: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly heredocs: Heredoc[];
}

export interface Directives {
  escape: string;
  syntax: string | null;
  check: string | null;
}

export interface Lines {
  readonly directives: Directives;
  readonly lines: LogicalLine[];
  readonly comments: DockerComment[];
  /** Comment lines inside a continued instruction: the builder drops them, so they are no comments. */
  readonly droppedComments: DockerComment[];
  readonly errors: DockerfileError[];
}

const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
/** Instructions whose arguments may name here-documents (also behind ONBUILD). */
const HEREDOC_INSTRUCTION = /^[ \t]*(?:onbuild[ \t]+)?(run|copy|add)\b/i;
const HEREDOC_WORD = /^\d*<<(-?)(["']?)([A-Za-z0-9_./-]+)\2$/;

export function splitLines(source: string): Lines {
  const physical = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: DockerfileError[] = [];
  const directives: Directives = { escape: '\\', syntax: null, check: null };
  let index = readDirectives(physical, directives, errors);
  const continuation = new RegExp(`${escapeRegExp(directives.escape)}[ \\t]*$`);
  const lines: LogicalLine[] = [];
  const comments: DockerComment[] = [];
  const droppedComments: DockerComment[] = [];
  while (index < physical.length) {
    const first = physical[index] ?? '';
    const trimmed = first.trimStart();
    if (trimmed === '') {
      index++;
      continue;
    }
    if (trimmed.startsWith('#')) {
      comments.push({ line: index + 1, text: trimmed.slice(1).trim() });
      index++;
      continue;
    }
    const start = index;
    let text = '';
    let current = first;
    for (;;) {
      const match = continuation.exec(current);
      if (match === null) {
        text += current;
        index++;
        break;
      }
      text += current.slice(0, match.index);
      index++;
      // Comment and blank lines inside a continued instruction are dropped by the builder.
      while (index < physical.length && isSkippedInContinuation(physical[index] ?? '')) {
        const skipped = (physical[index] ?? '').trimStart();
        if (skipped.startsWith('#')) droppedComments.push({ line: index + 1, text: skipped.slice(1).trim() });
        index++;
      }
      if (index >= physical.length) break;
      current = physical[index] ?? '';
    }
    const heredocs: Heredoc[] = [];
    if (text.includes('<<') && HEREDOC_INSTRUCTION.test(text)) {
      for (const word of splitWords(text, directives.escape)) {
        const found = HEREDOC_WORD.exec(word);
        if (found === null) continue;
        const stripTabs = found[1] === '-';
        const name = found[3] ?? '';
        const body: string[] = [];
        let closed = false;
        while (index < physical.length) {
          const raw = physical[index] ?? '';
          index++;
          const candidate = stripTabs ? raw.replace(/^\t+/, '') : raw;
          if (candidate === name) {
            closed = true;
            break;
          }
          body.push(candidate);
        }
        if (!closed) errors.push({ line: start + 1, column: 1, message: `here-document "${name}" is never closed: no line "${name}" follows` });
        heredocs.push({ name, body: body.length === 0 ? '' : `${body.join('\n')}\n`, expand: found[2] === '' });
      }
    }
    lines.push({ text, line: start + 1, column: first.length - trimmed.length + 1, endLine: Math.max(start + 1, index), heredocs });
  }
  return { directives, lines, comments, droppedComments, errors };
}

function isSkippedInContinuation(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed === '' || trimmed.startsWith('#');
}

/** Reads the directives at the top; returns the index of the first line after them. */
function readDirectives(physical: readonly string[], directives: Directives, errors: DockerfileError[]): number {
  const seen = new Set<string>();
  let index = 0;
  for (; index < physical.length; index++) {
    // BuildKit trims leading blanks before it matches a directive (`  # escape=\``).
    const match = DIRECTIVE.exec((physical[index] ?? '').replace(/^[ \t]+/, ''));
    const key = match?.[1]?.toLowerCase();
    if (match === null || key === undefined || !KNOWN_DIRECTIVES.has(key)) break;
    const value = match[2] ?? '';
    if (seen.has(key)) {
      errors.push({ line: index + 1, column: 1, message: `the "${key}" parser directive is given twice; only one is allowed` });
      continue;
    }
    seen.add(key);
    if (key === 'escape') {
      if (value === '\\' || value === '`') directives.escape = value;
      else errors.push({ line: index + 1, column: 1, message: `invalid escape directive "${value}": the escape character must be \\ or \`` });
    } else if (key === 'syntax') directives.syntax = value;
    else directives.check = value;
  }
  return index;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
