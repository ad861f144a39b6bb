import type { Problem } from '../model/problem.js';
import { findConfig, printResolvedConfig, resolveConfig, SETTINGS } from '../config/index.js';

/** A configuration setting the command line and environment can give, derived from the schema. */
export interface ConfigSetting {
  readonly flag: string;
  readonly env: string;
  /** The key under ScanOptions.settings (commander's option name for the flag). */
  readonly optionKey: string;
  readonly type: 'enum' | 'string' | 'number' | 'boolean' | 'list';
  readonly choices?: readonly string[];
  readonly description: string;
}

export const CONFIG_SETTINGS: readonly ConfigSetting[] = SETTINGS.map(({ flag, env, optionKey, type, choices, description }) => ({
  flag,
  env,
  optionKey,
  type,
  description,
  ...(choices === undefined ? {} : { choices }),
}));

export interface ConfigPrintOptions {
  readonly configFile?: string;
  readonly paths?: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** The configuration a scan with these options would use, as commented YAML. */
export function resolvedConfigText(options: ConfigPrintOptions = {}): { text: string; problems: readonly Problem[] } {
  const file = options.configFile ?? findConfig(options.paths ?? [], options.cwd ?? process.cwd());
  const resolved = resolveConfig({ file, env: options.env ?? {}, flags: options.settings ?? {} });
  return { text: printResolvedConfig(resolved), problems: resolved.problems };
}
