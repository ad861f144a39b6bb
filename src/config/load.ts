/**
 * Finding and reading `.palisade.yaml`. Bad configuration is reported as located problems
 * (`config-invalid`, `config-not-found`), never thrown.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { problem } from '../core/errors.js';
import type { Problem } from '../model/problem.js';
import { issuesToProblems, type Locator } from './issues.js';
import { configSchema, defaultConfig, type Config } from './schema.js';
import { locateInDocument } from './yaml-locate.js';

/** Looked for in this order in each directory. */
export const CONFIG_FILE_NAMES = ['.palisade.yaml', '.palisade.yml'] as const;

/** A configuration file is a page of settings; anything bigger is a mistake or an attack. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** YAML aliases are legitimate in configuration, but not a "billion laughs" expansion. */
const MAX_CONFIG_ALIASES = 100;

export interface LoadedConfig {
  /** The parsed file with defaults filled in; the defaults alone when there is no usable file. */
  readonly config: Config;
  /** The file's settings as written (before defaults), when it was read and valid. */
  readonly raw?: Readonly<Record<string, unknown>>;
  readonly problems: readonly Problem[];
  readonly file?: string;
  /** Where a configuration path was written in the file. */
  readonly locate: Locator;
}

const nowhere: Locator = () => undefined;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Where discovery begins: the directory of the first input path that exists on disk, else cwd. */
function startDirectory(startPaths: readonly string[], cwd: string): string {
  const first = startPaths[0];
  // stdin ("-") and cluster inputs have no place on disk: the working directory stands in.
  if (first === undefined || first === '-') return cwd;
  const absolute = resolve(cwd, first);
  if (isDirectory(absolute)) return absolute;
  return existsSync(absolute) ? dirname(absolute) : cwd;
}

/**
 * The configuration file that applies to a scan: `.palisade.yaml` (or `.yml`) in the directory of
 * the first input, or in the nearest ancestor. The search stops at the repository root (a
 * directory holding `.git`, checked itself first) so a scan never picks up a stranger's settings
 * from above the repository, and at the filesystem root. Returns an absolute path.
 */
export function findConfig(startPaths: readonly string[], cwd: string): string | undefined {
  let directory = startDirectory(startPaths, cwd);
  const { root } = parsePath(directory);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(directory, name);
      if (existsSync(candidate) && !isDirectory(candidate)) return candidate;
    }
    // `.git` is a directory in a clone and a file in a worktree or submodule: both mark the root.
    if (existsSync(join(directory, '.git')) || directory === root) return undefined;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

interface ReadResult {
  readonly text?: string;
  readonly problems: Problem[];
}

function readConfigText(file: string): ReadResult {
  if (!existsSync(file)) return { problems: [problem('config-not-found', `configuration file ${file} does not exist`, { file })] };
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return { problems: [problem('config-invalid', `${file} is a directory, not a configuration file`, { file })] };
    if (stat.size > MAX_CONFIG_BYTES) {
      return { problems: [problem('config-invalid', `configuration file is ${stat.size} bytes; the limit is ${MAX_CONFIG_BYTES}`, { file }, 'A configuration file holds settings, not data; check you named the right file.')] };
    }
    return { text: readFileSync(file, 'utf8'), problems: [] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problems: [problem('config-invalid', `cannot read configuration file: ${reason}`, { file }, 'Check the file permissions.')] };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface ParsedText {
  readonly raw?: Record<string, unknown>;
  readonly problems: Problem[];
  readonly locate: Locator;
}

/** Parses configuration text; exported for the `config print` of a file given on stdin and for tests. */
export function parseConfigText(text: string, file: string): ParsedText {
  const lineCounter = new LineCounter();
  // Merge keys (`<<: *defaults`) as kubectl, Helm and CI files take them: exceptions that share an
  // owner, expiry and scope say it once.
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, merge: true });
  const locate: Locator = (path) => {
    const position = locateInDocument(doc, lineCounter, path);
    return position === undefined ? { file } : { file, ...position };
  };
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => {
      const position = error.linePos?.[0];
      const place = position === undefined ? { file } : { file, line: position.line, column: position.col };
      // Pretty messages end their first line with " at line L, column C:" and a code frame; the
      // problem carries the place, so keep only the sentence.
      const sentence = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
      return problem('config-invalid', `YAML syntax: ${sentence}`, place, 'Fix the YAML at the given line.');
    });
    return { problems, locate };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_CONFIG_ALIASES });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problems: [problem('config-invalid', `YAML aliases: ${reason}`, { file }, 'Remove the aliases: the file expands beyond what a configuration needs.')], locate };
  }
  // An empty file (or one holding only comments) configures nothing.
  if (value === null || value === undefined) return { raw: {}, problems: [], locate };
  if (!isPlainObject(value)) {
    return { problems: [problem('config-invalid', 'the configuration must be a mapping of settings (failOn, rules, exceptions, ...)', locate([]) ?? { file })], locate };
  }
  return { raw: value, problems: [], locate };
}

/** Problems in file order, as an editor lists them (the sort is stable for equal places). */
function byPosition(a: Problem, b: Problem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** A hostile or garbled file could yield thousands of problems; the first ones are what a user fixes first. */
const MAX_PROBLEMS = 50;

function capped(problems: Problem[], file: string): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const more = problems.length - MAX_PROBLEMS;
  return [...problems.slice(0, MAX_PROBLEMS), problem('config-invalid', `${more} more problem(s) not shown`, { file }, 'Fix the problems above and run again.')];
}

/**
 * Reads and validates a configuration file. Without a file, or with a missing or invalid one, the
 * defaults are returned together with the problems; the caller decides whether to go on.
 */
export function loadConfig(file?: string): LoadedConfig {
  if (file === undefined) return { config: defaultConfig(), problems: [], locate: nowhere };
  const read = readConfigText(file);
  if (read.text === undefined) return { config: defaultConfig(), problems: read.problems, file, locate: nowhere };
  try {
    return validate(read.text, file);
  } catch (error) {
    // Parsing and validation report problems rather than throw; this is the last guard against
    // a stack trace for input nobody foresaw (e.g. nesting deep enough to exhaust the stack).
    const reason = error instanceof Error ? error.message : String(error);
    return { config: defaultConfig(), problems: [problem('config-invalid', `configuration could not be read: ${reason}`, { file })], file, locate: nowhere };
  }
}

function validate(text: string, file: string): LoadedConfig {
  const parsed = parseConfigText(text, file);
  if (parsed.raw === undefined) return { config: defaultConfig(), problems: parsed.problems, file, locate: parsed.locate };
  const result = configSchema.safeParse(parsed.raw);
  if (!result.success) {
    const problems = capped(issuesToProblems(result.error.issues, parsed.locate).sort(byPosition), file);
    return { config: defaultConfig(), problems, file, locate: parsed.locate };
  }
  return { config: result.data, raw: parsed.raw, problems: [], file, locate: parsed.locate };
}
