/**
 * Command-line options derived from the configuration schema (habit 7: one source for file, env
 * and flags). Settings that a command already spells its own way (--namespace for namespaces) are
 * left to that command.
 */
import { Option, type Command } from 'commander';
import { CONFIG_SETTINGS, type ConfigSetting } from '../sdk/index.js';

function optionFor(setting: ConfigSetting): Option {
  const value = setting.type === 'list' ? '<values>' : setting.type === 'boolean' ? '[bool]' : '<value>';
  const option = new Option(`${setting.flag} ${value}`, `${setting.description} (env ${setting.env})`);
  return setting.choices === undefined ? option : option.choices([...setting.choices]);
}

/** Adds the schema-derived options not in `spelledOut` (option keys); returns the keys it added. */
export function addSettingOptions(command: Command, spelledOut: readonly string[]): readonly string[] {
  const added = CONFIG_SETTINGS.filter((s) => !spelledOut.includes(s.optionKey));
  for (const setting of added) command.addOption(optionFor(setting));
  return added.map((s) => s.optionKey);
}

/** The values the user gave for those options, keyed by option key (the configuration's flag layer). */
export function settingValues(flags: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => flags[key] !== undefined).map((key) => [key, flags[key]]));
}
