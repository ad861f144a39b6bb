import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configProblem, printResolvedConfig, resolveConfig } from '../../src/config/resolve.js';
import { configSchema } from '../../src/config/schema.js';
import { SETTINGS } from '../../src/config/settings.js';
import type { ExceptionInput } from '../../src/core/suppression.js';

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-resolve-'));
  file = join(dir, '.palisade.yaml');
  writeFileSync(
    file,
    ['failOn: medium', 'namespaces: [shop]', 'limits:', '  maxDocuments: 50', 'exceptions:', '  - rule: host-pid', '    reason: agent', ''].join('\n'),
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('resolveConfig', () => {
  it('layers defaults < file < environment < flags', () => {
    const fileOnly = resolveConfig({ file });
    expect(fileOnly.config).toMatchObject({ failOn: 'medium', namespaces: ['shop'], limits: { maxDocuments: 50, maxAliasCount: 1000 } });

    const withEnv = resolveConfig({ file, env: { PALISADE_FAIL_ON: 'low', PALISADE_LIMITS_MAX_ALIAS_COUNT: '7', PALISADE_NAMESPACES: 'a, b,' } });
    expect(withEnv.config).toMatchObject({ failOn: 'low', namespaces: ['a', 'b'], limits: { maxDocuments: 50, maxAliasCount: 7 } });

    const withFlags = resolveConfig({ file, env: { PALISADE_FAIL_ON: 'low' }, flags: { failOn: 'critical', limitsMaxDocuments: '9' } });
    expect(withFlags.config).toMatchObject({ failOn: 'critical', limits: { maxDocuments: 9 } });
    expect(withFlags.problems).toEqual([]);
    expect(withFlags.origins.get('failOn')).toEqual({ layer: 'flag', name: '--fail-on' });
    expect(withFlags.origins.get('namespaces')).toEqual({ layer: 'file', file });
  });

  it('needs no file: environment and flags apply over the defaults', () => {
    const resolved = resolveConfig({ env: { PALISADE_DISABLED_RULES: 'host-pid,host-ipc' }, flags: { helmSet: ['a=1', 'b=2,c=3'] } });
    // helm splits a --set value on its commas itself, minding braces: each is passed on whole.
    expect(resolved.config).toMatchObject({ failOn: 'high', disabledRules: ['host-pid', 'host-ipc'], helm: { valuesFiles: [], set: ['a=1', 'b=2,c=3'] } });
    expect(resolved.file).toBeUndefined();
    expect(resolveConfig({ env: { PALISADE_HELM_SET: 'tags={web,db}' } }).config.helm?.set).toEqual(['tags={web,db}']);
  });

  it('reports a bad environment value by variable name and ignores it', () => {
    const resolved = resolveConfig({ file, env: { PALISADE_FAIL_ON: 'severe', PALISADE_LIMITS_MAX_FILE_BYTES: 'lots', PALISADE_NAMESPACES: '   ' } });
    expect(resolved.config.failOn).toBe('medium');
    expect(resolved.problems.map((p) => p.message)).toEqual([
      'PALISADE_FAIL_ON: Invalid option: expected one of "critical"|"high"|"medium"|"low"|"none"',
      'PALISADE_LIMITS_MAX_FILE_BYTES: Invalid input: expected number, received string',
    ]);
    expect(resolved.problems.every((p) => p.code === 'config-invalid' && p.file === undefined)).toBe(true);
    expect(resolveConfig({ env: { PALISADE_NAMESPACES: ' , ' } }).problems[0]?.message).toBe(
      'PALISADE_NAMESPACES: list at least one namespace, or leave namespaces out to scan them all',
    );
    // An empty variable counts as unset.
    expect(resolved.config.namespaces).toEqual(['shop']);
  });

  it('refuses a variable a slip away from a setting, naming the one meant; leaves other PALISADE_* variables alone', () => {
    // The flag's spelling (-n/--namespace, --fail-on-path) is the natural guess for a variable.
    const resolved = resolveConfig({
      env: { PALISADE_NAMESPACE: 'shop', PALISADE_FAIL_ON_PATH: 'true', PALISADE_FAILON: 'low', PALISADE_LIMITS_MAX_FILES_BYTES: '9', PALISADE_DEBUG: '1', PALISADE_VEX: 'x.json', PALISADE_IMAGE_CACHE: '/tmp/c', PALISADE_FAIL_ON_PAT: '' },
    });
    expect(resolved.problems.map((p) => [p.code, p.message, p.hint])).toEqual([
      ['config-invalid', 'PALISADE_FAILON is no Palisade setting: it would be ignored', 'Did you mean PALISADE_FAIL_ON (failOn)? docs/configuration.md lists the variables.'],
      ['config-invalid', 'PALISADE_FAIL_ON_PATH is no Palisade setting: it would be ignored', 'Did you mean PALISADE_ATTACK_PATHS_FAIL_ON_PATH (attackPaths.failOnPath)? docs/configuration.md lists the variables.'],
      ['config-invalid', 'PALISADE_LIMITS_MAX_FILES_BYTES is no Palisade setting: it would be ignored', 'Did you mean PALISADE_LIMITS_MAX_FILE_BYTES (limits.maxFileBytes)? docs/configuration.md lists the variables.'],
      ['config-invalid', 'PALISADE_NAMESPACE is no Palisade setting: it would be ignored', 'Did you mean PALISADE_NAMESPACES (namespaces)? docs/configuration.md lists the variables.'],
    ]);
  });

  it('reports a bad flag by its name', () => {
    const resolved = resolveConfig({ flags: { failOn: 'info' } });
    expect(resolved.problems[0]?.message).toMatch(/^--fail-on: Invalid option/);
    expect(resolved.config.failOn).toBe('high');
  });

  it('keeps file problems and falls back to defaults for an invalid file', () => {
    const resolved = resolveConfig({ file: join(dir, 'missing.yaml'), env: { PALISADE_FAIL_ON: 'low' } });
    expect(resolved.problems.map((p) => p.code)).toEqual(['config-not-found']);
    expect(resolved.config.failOn).toBe('low');
  });

  it('gives exceptions a type that suppression accepts, and locates them in the file', () => {
    const resolved = resolveConfig({ file });
    const exceptions: readonly ExceptionInput[] = resolved.config.exceptions;
    expect(exceptions).toEqual([{ rules: ['host-pid'], reason: 'agent' }]);
    expect(resolved.locate(['exceptions', 0])).toEqual({ file, line: 6, column: 5 });
  });

  it('points a problem at the file, the variable or the flag that set the value', () => {
    const resolved = resolveConfig({ file, env: { PALISADE_DISABLED_RULES: 'hostpid' } });
    expect(configProblem(resolved, ['exceptions', 0, 'reason'], 'bad')).toMatchObject({ file, line: 7, column: 5, message: 'exceptions[0].reason: bad' });
    expect(configProblem(resolved, ['disabledRules', 0], 'unknown rule "hostpid"', 'unknown-rule')).toMatchObject({ code: 'unknown-rule', message: 'PALISADE_DISABLED_RULES: unknown rule "hostpid"' });
    expect(configProblem(resolved, ['rules', 'x'], 'defaulted')).not.toHaveProperty('file');
  });
});

describe('printResolvedConfig', () => {
  it('prints YAML that parses back to the same configuration, saying where overrides came from', () => {
    const resolved = resolveConfig({ file, env: { PALISADE_FAIL_ON: 'low' }, flags: { limitsMaxDocuments: 3 } });
    const text = printResolvedConfig(resolved);
    expect(configSchema.parse(parseYaml(text))).toEqual(resolved.config);
    expect(text).toContain(`# File: ${file}`);
    expect(text).toContain('# failOn: environment PALISADE_FAIL_ON');
    expect(text).toContain('# limits.maxDocuments: flag --limits-max-documents');
  });

  it('says above every setting whether it is a default, from the file, the environment or a flag', () => {
    const resolved = resolveConfig({ file, env: { PALISADE_LIMITS_MAX_ALIAS_COUNT: '7' }, flags: { attackPathsFailOnPath: true } });
    const text = printResolvedConfig(resolved);
    expect(configSchema.parse(parseYaml(text))).toEqual(resolved.config);
    for (const line of [
      '# from the file\nfailOn: medium\n',
      '  # default\n  maxFileBytes: 16777216\n',
      '  # from environment PALISADE_LIMITS_MAX_ALIAS_COUNT\n  maxAliasCount: 7\n',
      '  # from the file\n  maxDocuments: 50\n',
      '  # default\n  enabled: true\n',
      '  # from flag --fail-on-path\n  failOnPath: true\n',
      '# default\nrules: {}',
      '# from the file\nexceptions:',
    ]) {
      expect(text).toContain(line);
    }
  });
});

describe('settings derived from the schema', () => {
  it('names every scalar and list setting for the environment and the command line', () => {
    expect(SETTINGS.map((s) => [s.env, s.flag, s.optionKey, s.type])).toEqual([
      ['PALISADE_FAIL_ON', '--fail-on', 'failOn', 'enum'],
      ['PALISADE_DISABLED_RULES', '--disabled-rules', 'disabledRules', 'list'],
      ['PALISADE_LIMITS_MAX_FILE_BYTES', '--limits-max-file-bytes', 'limitsMaxFileBytes', 'number'],
      ['PALISADE_LIMITS_MAX_ALIAS_COUNT', '--limits-max-alias-count', 'limitsMaxAliasCount', 'number'],
      ['PALISADE_LIMITS_MAX_DOCUMENTS', '--limits-max-documents', 'limitsMaxDocuments', 'number'],
      ['PALISADE_LIMITS_MAX_CLUSTER_OBJECTS', '--limits-max-cluster-objects', 'limitsMaxClusterObjects', 'number'],
      ['PALISADE_HELM_VALUES_FILES', '--helm-values-files', 'helmValuesFiles', 'list'],
      ['PALISADE_HELM_SET', '--helm-set', 'helmSet', 'list'],
      ['PALISADE_HELM_NAMESPACE', '--helm-namespace', 'helmNamespace', 'string'],
      ['PALISADE_HELM_KUBE_VERSION', '--helm-kube-version', 'helmKubeVersion', 'string'],
      ['PALISADE_HELM_API_VERSIONS', '--helm-api-versions', 'helmApiVersions', 'list'],
      ['PALISADE_NAMESPACES', '--namespaces', 'namespaces', 'list'],
      ['PALISADE_ATTACK_PATHS_ENABLED', '--attack-paths-enabled', 'attackPathsEnabled', 'boolean'],
      ['PALISADE_ATTACK_PATHS_FAIL_ON_PATH', '--attack-paths-fail-on-path', 'attackPathsFailOnPath', 'boolean'],
      ['PALISADE_ATTACK_PATHS_ENTRIES', '--attack-paths-entries', 'attackPathsEntries', 'list'],
      ['PALISADE_ATTACK_PATHS_JEWELS', '--attack-paths-jewels', 'attackPathsJewels', 'list'],
    ]);
    expect(SETTINGS[0]?.choices).toEqual(['critical', 'high', 'medium', 'low', 'none']);
  });
});
