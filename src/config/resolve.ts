/**
 * The configuration a run uses: defaults < file < environment < flags. Each layer is validated on
 * its own so a problem names the file line, the variable or the flag it came from; an invalid layer
 * (or value) is left out and reported, never thrown.
 */
import { Document, isMap, isScalar, type Pair } from 'yaml';
import { z } from 'zod';
import { problem } from '../core/errors.js';
import { redact } from '../lib/redact.js';
import type { Problem } from '../model/problem.js';
import { formatPath, issuesToProblems, type Locator } from './issues.js';
import { loadConfig } from './load.js';
import { configSchema, defaultConfig, type Config } from './schema.js';
import { unwrap } from './schema-walk.js';
import { settingsFromEnv, settingsFromFlags, type SettingValue } from './settings.js';

export type SettingOrigin = { readonly layer: 'file'; readonly file: string } | { readonly layer: 'env' | 'flag'; readonly name: string };

export interface ResolveOptions {
  /** The configuration file: from --config, or from findConfig(). */
  readonly file?: string | undefined;
  /** Usually process.env; only PALISADE_* variables are read. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Flag values keyed by Setting.optionKey (commander's option names). */
  readonly flags?: Readonly<Record<string, unknown>>;
}

export interface ResolvedConfig {
  readonly config: Config;
  readonly problems: readonly Problem[];
  readonly file?: string;
  /** Where a path was written in the file (for exceptions and rule settings). */
  readonly locate: Locator;
  /** Where each configured value came from, keyed by dotted path; absent keys are defaults. */
  readonly origins: ReadonlyMap<string, SettingOrigin>;
}

function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

function applyLayer(raw: Record<string, unknown>, values: readonly SettingValue[], layer: 'env' | 'flag', origins: Map<string, SettingOrigin>): void {
  for (const { setting, value, name } of values) {
    setIn(raw, setting.path, value);
    origins.set(setting.path.join('.'), { layer, name });
  }
}

/** Top-level keys whose value is a section of separate settings (limits, helm, attackPaths). */
function isSection(key: string): boolean {
  const schema = (configSchema.shape as Record<string, z.ZodType | undefined>)[key];
  return schema !== undefined && unwrap(schema) instanceof z.ZodObject;
}

/**
 * A file's settings are credited per top-level key, and per key of a section, so that a section
 * the file writes in part shows which of its values are defaults; env and flags override leaves.
 */
function fileOrigins(raw: Readonly<Record<string, unknown>>, file: string, origins: Map<string, SettingOrigin>): void {
  for (const [key, value] of Object.entries(raw)) {
    origins.set(key, { layer: 'file', file });
    if (!isSection(key) || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const child of Object.keys(value)) origins.set(`${key}.${child}`, { layer: 'file', file });
  }
}

export function resolveConfig(options: ResolveOptions = {}): ResolvedConfig {
  const loaded = loadConfig(options.file);
  const env = settingsFromEnv(options.env ?? {});
  const flags = settingsFromFlags(options.flags ?? {});
  const problems: Problem[] = [...loaded.problems, ...env.problems, ...flags.problems];
  const origins = new Map<string, SettingOrigin>();
  const raw: Record<string, unknown> = structuredClone({ ...(loaded.raw ?? {}) });
  if (loaded.raw !== undefined && loaded.file !== undefined) fileOrigins(loaded.raw, loaded.file, origins);
  applyLayer(raw, env.values, 'env', origins);
  applyLayer(raw, flags.values, 'flag', origins);
  const result = configSchema.safeParse(raw);
  let config: Config;
  if (result.success) {
    config = result.data;
  } else {
    // Each layer was valid on its own, so this only happens when layers contradict each other.
    problems.push(...issuesToProblems(result.error.issues, () => undefined).map((p) => ({ ...p, message: `combined configuration: ${p.message}` })));
    config = defaultConfig();
  }
  return {
    config,
    problems,
    ...(loaded.file === undefined ? {} : { file: loaded.file }),
    locate: loaded.locate,
    origins,
  };
}

function describeOrigin(path: string, origin: SettingOrigin): string {
  return origin.layer === 'file' ? `${path}: ${origin.file}` : `${path}: ${origin.layer === 'env' ? 'environment' : 'flag'} ${origin.name}`;
}

/** The resolved configuration as YAML (for `palisade config print`), with where each value came from. */
/** Values this short are settings (replicas=3), not credentials; redacting them would hide the configuration. */
const MIN_SECRET_LENGTH = 4;

/**
 * A helm --set entry as printed: `key=value` with the value redacted, as rendering problems
 * redact it. --set and PALISADE_HELM_SET carry passwords and tokens from CI secrets, and `config
 * print` output ends up in CI logs.
 */
function printedSet(entry: string): string {
  const equals = entry.indexOf('=');
  const value = equals < 0 ? '' : entry.slice(equals + 1);
  return value.length < MIN_SECRET_LENGTH ? entry : `${entry.slice(0, equals + 1)}${redact(value)}`;
}

/** The comment above a printed setting: where its value came from. */
function originComment(origin: SettingOrigin | undefined): string {
  if (origin === undefined) return ' default';
  if (origin.layer === 'file') return ' from the file';
  return origin.layer === 'env' ? ` from environment ${origin.name}` : ` from flag ${origin.name}`;
}

/**
 * Puts over each printed setting where its value came from; in a section, over each of its keys,
 * since one section can mix defaults, file values and overrides.
 */
function commentOrigins(pairs: readonly Pair[], resolved: ResolvedConfig, prefix: string): void {
  for (const pair of pairs) {
    if (!isScalar(pair.key)) continue;
    const path = `${prefix}${String(pair.key.value)}`;
    if (prefix === '' && isSection(path) && isMap(pair.value)) commentOrigins(pair.value.items, resolved, `${path}.`);
    // Above the key, not after the value: `failOn: high` stays a line of its own for scripts to grep.
    else pair.key.commentBefore = originComment(resolved.origins.get(path));
  }
}

export function printResolvedConfig(resolved: ResolvedConfig): string {
  const { helm } = resolved.config;
  const printed = helm?.set === undefined ? resolved.config : { ...resolved.config, helm: { ...helm, set: helm.set.map(printedSet) } };
  const doc = new Document(printed);
  const lines = ['Resolved Palisade configuration (defaults < file < environment < flags).'];
  lines.push(resolved.file === undefined ? 'No configuration file.' : `File: ${resolved.file}`);
  const origins = [...resolved.origins.entries()].filter(([, origin]) => origin.layer !== 'file');
  for (const [path, origin] of origins) lines.push(describeOrigin(path, origin));
  if (isMap(doc.contents)) commentOrigins(doc.contents.items, resolved, '');
  doc.commentBefore = lines.map((line) => ` ${line}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** Where the value at `path` came from: the longest configured prefix of it, or undefined for a default. */
export function originOf(resolved: ResolvedConfig, path: readonly PropertyKey[]): SettingOrigin | undefined {
  for (let length = path.length; length > 0; length--) {
    const origin = resolved.origins.get(path.slice(0, length).map(String).join('.'));
    if (origin !== undefined) return origin;
  }
  return undefined;
}

/**
 * A problem about a path of the resolved configuration, pointing at the file line, the variable or
 * the flag that set it.
 */
export function configProblem(resolved: ResolvedConfig, path: readonly PropertyKey[], message: string, code: 'config-invalid' | 'unknown-rule' = 'config-invalid', hint?: string): Problem {
  const origin = originOf(resolved, path);
  if (origin !== undefined && origin.layer !== 'file') return problem(code, `${origin.name}: ${message}`, {}, hint);
  return problem(code, `${formatPath(path)}: ${message}`, origin === undefined ? {} : (resolved.locate(path) ?? {}), hint);
}
