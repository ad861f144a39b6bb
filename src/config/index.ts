/** Configuration: one zod schema, and the file, environment and flag layers derived from it. */
export { configSchema, defaultConfig, FAIL_ON_VALUES, type Config, type ConfigException, type ConfigInput, type FailOn, type PalisadeConfig, type RuleSettings } from './schema.js';
export { CONFIG_FILE_NAMES, findConfig, loadConfig, parseConfigText, type LoadedConfig } from './load.js';
export { configProblem, originOf, printResolvedConfig, resolveConfig, type ResolveOptions, type ResolvedConfig, type SettingOrigin } from './resolve.js';
export { SETTINGS, coerce, settingsFromEnv, settingsFromFlags, type Setting, type SettingType } from './settings.js';
export { configJsonSchema, configJsonSchemaText, CONFIG_SCHEMA_PATH } from './json-schema.js';
export { applySeverityOverrides, selectRules, type RuleSelection } from './rules.js';
export { literalNamespaces, namespaceFilter, namespaceSelected, unmatchedNamespaces } from './scope.js';
export { closest, didYouMean, editDistance } from '../lib/did-you-mean.js';
export { formatPath, issuesToProblems, type Locator } from './issues.js';
