/**
 * One logical line to one instruction: keyword, leading `--flags`, JSON (exec) or shell form,
 * and the per-instruction argument shapes (ENV/LABEL pairs, ARG names, HEALTHCHECK, ONBUILD).
 * The builder extracts leading `--name[=value]` words as flags for every instruction and rejects
 * unknown ones when it runs them; the same is done here, and rules judge the flags.
 */
import type { LogicalLine } from './lines.js';
import type { DockerFlag, DockerfileError, DockerInstruction, KeyValue } from './types.js';
import { splitWords, unquote } from './words.js';

export const INSTRUCTIONS: ReadonlySet<string> = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);
/** Instructions that accept the JSON array form. */
const JSON_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);
/** Instructions whose shell form is one command line, not words. */
const COMMAND_LINE = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

export function parseInstruction(line: LogicalLine, escape: string, errors: DockerfileError[]): DockerInstruction | undefined {
  const match = /^[ \t]*(\S+)[ \t]*([\s\S]*)$/.exec(line.text);
  const keyword = match?.[1];
  if (match === null || keyword === undefined) return undefined;
  const cmd = keyword.toUpperCase();
  if (!INSTRUCTIONS.has(cmd)) {
    errors.push({ line: line.line, column: line.column, message: `unknown instruction "${keyword}"` });
    return undefined;
  }
  const { flags, rest } = extractFlags(match[2] ?? '', escape);
  const at = { cmd, line: line.line, endLine: line.endLine, flags, text: rest };
  const place = { line: line.line, column: line.column };
  const heredocs = line.heredocs.length > 0 && (cmd === 'RUN' || cmd === 'COPY' || cmd === 'ADD') ? { heredocs: line.heredocs } : {};
  if (cmd === 'ONBUILD') {
    const trigger = parseInstruction({ ...line, text: rest }, escape, errors);
    return { ...at, json: false, args: splitWords(rest, escape), ...(trigger === undefined ? {} : { trigger }) };
  }
  if (cmd === 'HEALTHCHECK') return { ...at, ...healthcheckArgs(rest, escape) };
  if (cmd === 'ENV' || cmd === 'LABEL') return { ...at, json: false, args: splitWords(rest, escape), pairs: keyValues(cmd, rest, escape, place, errors) };
  if (cmd === 'ARG') return { ...at, json: false, args: splitWords(rest, escape), pairs: argNames(rest, escape) };
  const json = JSON_FORM.has(cmd) ? jsonArray(rest) : undefined;
  if (json !== undefined) return { ...at, json: true, args: json, ...heredocs };
  if (cmd === 'SHELL') errors.push({ ...place, message: 'SHELL needs the JSON form, e.g. SHELL ["/bin/bash", "-c"]' });
  const args = COMMAND_LINE.has(cmd) ? (rest === '' ? [] : [rest]) : splitWords(rest, escape).map((word) => unquote(word, escape));
  return { ...at, json: false, args, ...heredocs };
}

function extractFlags(text: string, escape: string): { flags: DockerFlag[]; rest: string } {
  const flags: DockerFlag[] = [];
  let rest = text;
  for (;;) {
    if (!rest.startsWith('--')) break;
    const word = splitWords(rest, escape)[0] ?? '';
    if (word === '--') break;
    const body = unquote(word.slice(2), escape);
    const eq = body.indexOf('=');
    flags.push(eq < 0 ? { name: body.toLowerCase(), value: null } : { name: body.slice(0, eq).toLowerCase(), value: body.slice(eq + 1) });
    rest = rest.slice(word.length).trimStart();
  }
  return { flags, rest };
}

/** A JSON array of strings, or undefined when the text is not one (it is then shell form). */
function jsonArray(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value) : undefined;
}

function healthcheckArgs(rest: string, escape: string): { json: boolean; args: string[] } {
  const match = /^(\S+)[ \t]*([\s\S]*)$/.exec(rest);
  const type = match?.[1]?.toUpperCase();
  if (match === null || type === undefined) return { json: false, args: [] };
  if (type !== 'CMD') return { json: false, args: [type, ...splitWords(match[2] ?? '', escape)] };
  const command = match[2] ?? '';
  const json = jsonArray(command);
  return json === undefined ? { json: false, args: command === '' ? ['CMD'] : ['CMD', command] } : { json: true, args: ['CMD', ...json] };
}

/**
 * ENV and LABEL: `key=value ...` (quotes and escapes removed), or the legacy `key value` with
 * everything after the first blank as the value.
 */
function keyValues(cmd: string, rest: string, escape: string, place: { line: number; column: number }, errors: DockerfileError[]): KeyValue[] {
  const words = splitWords(rest, escape);
  const first = words[0];
  if (first === undefined) {
    errors.push({ ...place, message: `${cmd} needs at least one key=value pair` });
    return [];
  }
  if (!first.includes('=')) {
    const value = rest.slice(rest.indexOf(first) + first.length).trim();
    if (value === '' && cmd === 'ENV') errors.push({ ...place, message: `ENV ${unquote(first, escape)} needs a value: ENV name=value` });
    return [{ key: unquote(first, escape), value: unquote(value, escape) }];
  }
  const pairs: KeyValue[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) {
      errors.push({ ...place, message: `${cmd}: "${word}" is not of the form name=value` });
      continue;
    }
    pairs.push({ key: unquote(word.slice(0, eq), escape), value: unquote(word.slice(eq + 1), escape) });
  }
  return pairs;
}

function argNames(rest: string, escape: string): KeyValue[] {
  return splitWords(rest, escape).map((word) => {
    const eq = word.indexOf('=');
    return eq < 0 ? { key: unquote(word, escape), value: null } : { key: unquote(word.slice(0, eq), escape), value: unquote(word.slice(eq + 1), escape) };
  });
}
