/**
 * Enough of the POSIX shell grammar to see which commands a RUN line runs: words with quoting
 * and escapes, the separators `;` `&` `&&` `||` newline and parentheses, pipelines (`|`), comments,
 * redirections (dropped with their target) and leading `NAME=value` assignments (kept apart).
 * Compound-command keywords (`if`, `then`, `do`, ...) are stripped so the commands inside count.
 * Command substitutions stay inside their word; nothing is expanded or executed.
 */

export interface ShellCommand {
  /** The command name and its arguments, quotes removed. */
  readonly words: string[];
  /** `NAME=value` words before the command name. */
  readonly assignments: string[];
  /** Which pipeline of the script (0-based) and which stage of it. */
  readonly pipeline: number;
  readonly stage: number;
  /** Delimiters of the here-documents it reads (`bash <<EOF`), whose bodies follow the script line. */
  readonly heredocs: string[];
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'case', 'esac', '{', '}', '!', 'in']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const OPERATOR_START = /[&|;()\n<>0-9]/;

type Token = { readonly kind: 'word'; readonly text: string } | { readonly kind: 'op'; readonly text: string };

export function shellCommands(script: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let pipeline = 0;
  let stage = 0;
  let dropNext = false;
  let heredocNext = false;
  let heredocs: string[] = [];
  const finish = (): void => {
    const assignments: string[] = [];
    while (words.length > 0 && (RESERVED.has(words[0] ?? '') || ASSIGNMENT.test(words[0] ?? ''))) {
      const first = words.shift() ?? '';
      if (ASSIGNMENT.test(first)) assignments.push(first);
    }
    // `for x in a b` lists words, not a command.
    if (words.length > 0) commands.push({ words, assignments, pipeline, stage, heredocs });
    words = [];
    heredocs = [];
  };
  for (const token of tokenize(script)) {
    if (token.kind === 'word') {
      if (heredocNext) heredocs.push(token.text);
      if (dropNext) dropNext = false;
      else words.push(token.text);
      heredocNext = false;
      continue;
    }
    if (/^\d*(<<<|<<-?|<>|<&|>&|>>|>\||&>>|&>|<|>)$/.test(token.text)) {
      dropNext = true;
      heredocNext = /^\d*<<-?$/.test(token.text);
      continue;
    }
    finish();
    heredocNext = false;
    if (token.text === '|' || token.text === '|&') stage++;
    else {
      pipeline++;
      stage = 0;
    }
  }
  finish();
  return commands;
}

/** Splits into words and operators; quotes are removed from words, their content kept verbatim. */
function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) tokens.push({ kind: 'word', text: word });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i] ?? '';
    if (c === '\\') {
      const next = script[i + 1];
      i++;
      // A backslash-newline joins lines; any other escaped character is literal.
      if (next !== undefined && next !== '\n') {
        word += next;
        inWord = true;
      }
      continue;
    }
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close < 0 ? script.length : close;
      word += script.slice(i + 1, end);
      inWord = true;
      i = end;
      continue;
    }
    if (c === '"') {
      i = doubleQuoted(script, i + 1, (text) => (word += text));
      inWord = true;
      continue;
    }
    // `$(...)` command substitution and `<(...)` / `>(...)` process substitution stay inside their word.
    if ((c === '$' || c === '<' || c === '>') && script[i + 1] === '(') {
      const end = closingParen(script, i + 2);
      word += script.slice(i, end + 1);
      inWord = true;
      i = end;
      continue;
    }
    if (c === '`') {
      const close = script.indexOf('`', i + 1);
      const end = close < 0 ? script.length - 1 : close;
      word += script.slice(i, end + 1);
      inWord = true;
      i = end;
      continue;
    }
    if (c === '#' && !inWord) {
      const newline = script.indexOf('\n', i);
      i = (newline < 0 ? script.length : newline) - 1;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      continue;
    }
    // Most characters are plain word characters: only these can start an operator.
    const operator = OPERATOR_START.test(c) ? /^(?:&&|\|\||;;|\|&|&>>|&>|[;&|()\n]|\d*(?:<<<|<<-?|<>|<&|>&|>>|>\||<|>))/.exec(script.slice(i, i + 12)) : null;
    // Digits before a redirection (2>&1) belong to it only when they start the word.
    if (operator !== null && (!/^\d/.test(operator[0]) || !inWord)) {
      endWord();
      const text = operator[0];
      tokens.push({ kind: 'op', text });
      // `2>&1` and `>&2` duplicate descriptors: the number after them is not a file to drop.
      if (/[<>]&$/.test(text)) {
        const target = /^\d+|^-/.exec(script.slice(i + text.length));
        if (target !== null) i += target[0].length;
        tokens.pop();
      }
      i += text.length - 1;
      continue;
    }
    word += c;
    inWord = true;
  }
  endWord();
  return tokens;
}

/** Reads a double-quoted string from `start`; returns the index of the closing quote. */
function doubleQuoted(script: string, start: number, append: (text: string) => void): number {
  let i = start;
  for (; i < script.length; i++) {
    const c = script[i] ?? '';
    if (c === '"') return i;
    if (c === '\\' && i + 1 < script.length) {
      const next = script[i + 1] ?? '';
      append('$`"\\\n'.includes(next) ? (next === '\n' ? '' : next) : c + next);
      i++;
    } else append(c);
  }
  return i;
}

function closingParen(script: string, start: number): number {
  let depth = 1;
  for (let i = start; i < script.length; i++) {
    const c = script[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return script.length - 1;
}
