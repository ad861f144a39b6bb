/**
 * The environment variables and CLI flags of the configuration, derived from the schema: every
 * scalar or list-of-strings field reachable through fixed-shape objects is one setting
 * (failOn -> PALISADE_FAIL_ON / --fail-on; limits.maxFileBytes -> PALISADE_LIMITS_MAX_FILE_BYTES /
 * --limits-max-file-bytes). Maps keyed by user data (rules) and lists of objects (exceptions) only
 * live in the file.
 */
import { z } from 'zod';
import { problem } from '../core/errors.js';
import { editDistance } from '../lib/did-you-mean.js';
import type { Problem } from '../model/problem.js';
import { issuesToProblems } from './issues.js';
import { configSchema } from './schema.js';
import { describe, unwrap } from './schema-walk.js';

export type SettingType = 'enum' | 'string' | 'number' | 'boolean' | 'list';

export interface Setting {
  /** Path in the configuration: ['limits', 'maxFileBytes']. */
  readonly path: readonly string[];
  /** PALISADE_LIMITS_MAX_FILE_BYTES */
  readonly env: string;
  /** --limits-max-file-bytes */
  readonly flag: string;
  /** The flag commands take it by, which problems and `config print` name: --namespace for namespaces, else `flag`. */
  readonly commandFlag: string;
  /** The property commander gives the flag's value under: limitsMaxFileBytes. */
  readonly optionKey: string;
  readonly type: SettingType;
  /** The accepted values of an enum setting. */
  readonly choices?: readonly string[];
  readonly description: string;
  /** The field's own schema, to validate one value. */
  readonly schema: z.ZodType;
}

/**
 * Settings the commands spell the way kubectl and helm users know them (docs/configuration.md):
 * `scan -n ''` must be named --namespace, the flag typed, not --namespaces, which scan lacks.
 */
const COMMAND_FLAGS: Readonly<Record<string, string>> = {
  namespaces: '--namespace',
  helmValuesFiles: '--helm-values',
  helmSet: '--set',
  attackPathsFailOnPath: '--fail-on-path',
};

/**
 * Lists whose items are kept whole: helm splits a --set value on its own commas, minding braces
 * and escapes (`tags={a,b}`, `x=a\\,b`), which a split here would break into values helm refuses.
 */
const UNSPLIT_LISTS = new Set(['helmSet']);

const words = (path: readonly string[]): string[] => path.flatMap((key) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' '));

function settingType(schema: z.ZodType): Pick<Setting, 'type' | 'choices'> | undefined {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodEnum) return { type: 'enum', choices: inner.options.map(String) };
  if (inner instanceof z.ZodString) return { type: 'string' };
  if (inner instanceof z.ZodNumber) return { type: 'number' };
  if (inner instanceof z.ZodBoolean) return { type: 'boolean' };
  if (inner instanceof z.ZodArray && unwrap(inner.element as z.ZodType) instanceof z.ZodString) return { type: 'list' };
  return undefined;
}

function collect(shape: Record<string, z.ZodType>, prefix: readonly string[], into: Setting[]): void {
  for (const [key, schema] of Object.entries(shape)) {
    const path = [...prefix, key];
    const inner = unwrap(schema);
    if (inner instanceof z.ZodObject) {
      collect(inner.shape, path, into);
      continue;
    }
    const type = settingType(schema);
    if (type === undefined) continue;
    const parts = words(path);
    const flag = `--${parts.join('-')}`;
    const optionKey = parts.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
    into.push({
      path,
      env: `PALISADE_${parts.join('_').toUpperCase()}`,
      flag,
      commandFlag: COMMAND_FLAGS[optionKey] ?? flag,
      optionKey,
      ...type,
      description: describe(schema) ?? path.join('.'),
      schema,
    });
  }
}

/** Every setting that the environment and the command line can give, in schema order. */
export const SETTINGS: readonly Setting[] = (() => {
  const settings: Setting[] = [];
  collect(configSchema.shape, [], settings);
  return settings;
})();

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/**
 * Turns a string from the environment or the command line into the setting's type. Values that do
 * not convert are returned unchanged, so the schema reports them with its own message.
 */
export function coerce(setting: Setting, value: unknown): unknown {
  if (setting.type === 'list') {
    const items = Array.isArray(value) ? value : [value];
    if (!items.every((item) => typeof item === 'string')) return value;
    // Commas separate items, as in kubectl -l.
    const split = UNSPLIT_LISTS.has(setting.optionKey) ? items : items.flatMap((item) => item.split(','));
    return split.map((item) => item.trim()).filter((item) => item !== '');
  }
  if (typeof value !== 'string') return value;
  const text = value.trim();
  // PALISADE_FAIL_ON=HIGH as --fail-on HIGH (src/cli/choice-case.ts): any case, the listed spelling.
  if (setting.type === 'enum') return setting.choices?.find((choice) => choice.toLowerCase() === text.toLowerCase()) ?? text;
  if (setting.type === 'number') return /^-?\d+$/.test(text) ? Number(text) : value;
  if (setting.type === 'boolean') {
    const lower = text.toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
    return value;
  }
  return text;
}

export interface SettingValue {
  readonly setting: Setting;
  readonly value: unknown;
  /** The env variable or flag the value came from, for messages and `config print`. */
  readonly name: string;
}

export interface LayerResult {
  readonly values: SettingValue[];
  readonly problems: Problem[];
}

function validate(setting: Setting, raw: unknown, name: string, into: LayerResult): void {
  const value = coerce(setting, raw);
  const result = setting.schema.safeParse(value);
  if (result.success) {
    into.values.push({ setting, value, name });
    return;
  }
  const problems = issuesToProblems(result.error.issues, () => undefined, setting.schema);
  result.error.issues.forEach((issue, i) => {
    const p = problems[i];
    if (p === undefined) return;
    // A list item is named by its value (--set "replicas": ...), not by its index ("[0]: ...").
    const index = issue.path.length === 1 ? issue.path[0] : undefined;
    const item: unknown = typeof index === 'number' && Array.isArray(value) ? (value as unknown[])[index] : undefined;
    into.problems.push({ ...p, message: typeof item === 'string' ? `${name} ${JSON.stringify(item)}: ${issue.message}` : `${name}: ${p.message}` });
  });
}

const ENV_PREFIX = 'PALISADE_';
const envWord = (name: string): string => name.slice(ENV_PREFIX.length).toLowerCase().replace(/_/g, '');

/**
 * The spellings a user guesses a variable by: each setting's own, and the one its command flag
 * suggests (--namespace -> PALISADE_NAMESPACE, --fail-on-path -> PALISADE_FAIL_ON_PATH).
 */
const GUESSES: readonly { readonly word: string; readonly setting: Setting }[] = SETTINGS.flatMap((setting) => [
  { word: envWord(setting.env), setting },
  { word: setting.commandFlag.replace(/^--/, '').replace(/-/g, ''), setting },
]);

/**
 * The setting a PALISADE_* variable that is none was meant to be: one a command flag's spelling
 * names, or one a single slip away (a letter, a plural; two in long names). Anything further is
 * left alone: the prefix is not reserved, and a stranger's variable must not stop a scan.
 */
function meantSetting(name: string): Setting | undefined {
  const word = envWord(name);
  let best: { setting: Setting; distance: number } | undefined;
  for (const guess of GUESSES) {
    const distance = editDistance(word, guess.word);
    if (best === undefined || distance < best.distance) best = { setting: guess.setting, distance };
  }
  return best !== undefined && best.distance <= Math.max(1, Math.floor(word.length / 8)) ? best.setting : undefined;
}

/**
 * PALISADE_NAMESPACE=shop or PALISADE_FAIL_ON_PATH=true set nothing: the scan would run over every
 * namespace, or without its path gate, and pass. Like an unknown key in the file, it is an error
 * naming the variable meant.
 */
function misspeltVariables(env: Readonly<Record<string, string | undefined>>, into: LayerResult): void {
  const known = new Set(SETTINGS.map((setting) => setting.env));
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith(ENV_PREFIX) || known.has(name)) continue;
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    const meant = meantSetting(name);
    if (meant === undefined) continue;
    into.problems.push(problem('config-invalid', `${name} is no Palisade setting: it would be ignored`, {}, `Did you mean ${meant.env} (${meant.path.join('.')})? docs/configuration.md lists the variables.`));
  }
}

/**
 * The settings an environment gives (PALISADE_*), each validated on its own; empty variables count
 * as unset. A variable a slip away from a setting's is an error.
 */
export function settingsFromEnv(env: Readonly<Record<string, string | undefined>>): LayerResult {
  const layer: LayerResult = { values: [], problems: [] };
  for (const setting of SETTINGS) {
    const raw = env[setting.env];
    if (raw !== undefined && raw.trim() !== '') validate(setting, raw, setting.env, layer);
  }
  misspeltVariables(env, layer);
  return layer;
}

/** The settings given as flags, keyed by commander's option key (failOn for --fail-on). */
export function settingsFromFlags(flags: Readonly<Record<string, unknown>>): LayerResult {
  const layer: LayerResult = { values: [], problems: [] };
  for (const setting of SETTINGS) {
    const raw = flags[setting.optionKey];
    if (raw !== undefined) validate(setting, raw, setting.commandFlag, layer);
  }
  return layer;
}
