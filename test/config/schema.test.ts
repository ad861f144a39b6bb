import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configJsonSchema, configJsonSchemaText, CONFIG_SCHEMA_PATH } from '../../src/config/json-schema.js';
import { configSchema, defaultConfig } from '../../src/config/schema.js';

const root = join(import.meta.dirname, '../..');
const fixture = (name: string): unknown => parseYaml(readFileSync(join(root, 'test/fixtures/config', name), 'utf8'));

describe('config schema', () => {
  it('fills every default when nothing is configured', () => {
    expect(defaultConfig()).toEqual({
      failOn: 'high',
      rules: {},
      exceptions: [],
      limits: { maxFileBytes: 16 * 1024 * 1024, maxAliasCount: 1000, maxDocuments: 10_000, maxClusterObjects: 100_000 },
      attackPaths: { enabled: true, failOnPath: false },
    });
  });

  it('accepts every key of the full example and normalises exceptions to `rules`', () => {
    const config = configSchema.parse(fixture('full.palisade.yaml'));
    expect(config.failOn).toBe('medium');
    expect(config.exceptions[0]).toMatchObject({ rules: ['privileged-container'], namespace: 'kube-*', expires: '2026-12-31' });
    expect(config.exceptions[0]).not.toHaveProperty('rule');
    expect(config.exceptions[1]?.rules).toEqual(['host-path-*', 'host-network']);
    expect(config.helm).toEqual({ valuesFiles: ['values-prod.yaml'], set: ['image.tag=1.2.3'], kubeVersion: 'v1.31.2', apiVersions: ['monitoring.coreos.com/v1/ServiceMonitor'] });
    expect(config.limits.maxDocuments).toBe(500);
  });

  it('rejects unknown keys at every level', () => {
    const result = configSchema.safeParse(fixture('typos.palisade.yaml'));
    expect(result.success).toBe(false);
    const unknown = result.error?.issues.filter((issue) => issue.code === 'unrecognized_keys').map((issue) => issue.path.join('.'));
    expect(unknown?.sort()).toEqual(['', 'exceptions.0', 'rules.host-pid']);
  });

  it('needs exactly one of rule and rules, and a non-blank reason', () => {
    const bad = (exception: object): string[] => {
      const result = configSchema.safeParse({ exceptions: [exception] });
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(bad({ reason: 'x' })).toEqual(['an exception needs `rule` (one id) or `rules` (a list)']);
    expect(bad({ rule: 'a', rules: ['b'], reason: 'x' })).toEqual(['give either `rule` or `rules`, not both']);
    expect(bad({ rule: 'a', reason: '   ' })).toEqual(['an exception needs a reason: say why the risk is accepted']);
    expect(bad({ rule: 'a', reason: 'x' })).toEqual([]);
  });

  it('accepts a date or a date-time with offset as expiry, and nothing else', () => {
    const ok = (expires: string): boolean => configSchema.safeParse({ exceptions: [{ rule: 'a', reason: 'x', expires }] }).success;
    expect(ok('2026-12-31')).toBe(true);
    expect(ok('2028-02-29')).toBe(true);
    expect(ok('2026-06-30T12:00:00Z')).toBe(true);
    expect(ok('2026-06-30T12:00:00+02:00')).toBe(true);
    expect(ok('2026-02-30')).toBe(false);
    expect(ok('2027-02-29')).toBe(false);
    expect(ok('31/12/2026')).toBe(false);
    expect(ok('next year')).toBe(false);
  });
});

describe('config JSON Schema', () => {
  const committedPath = join(root, CONFIG_SCHEMA_PATH);

  it('is committed exactly as configJsonSchema() generates it', () => {
    // PALISADE_UPDATE_SCHEMA=1 npx vitest run test/config/schema.test.ts regenerates the file.
    if (process.env.PALISADE_UPDATE_SCHEMA === '1') writeFileSync(committedPath, configJsonSchemaText());
    expect(readFileSync(committedPath, 'utf8')).toBe(configJsonSchemaText());
  });

  it('gives every property a title and a description for editor completion', () => {
    const missing: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      for (const key of ['properties'] as const) {
        const properties = schema[key] as Record<string, Record<string, unknown>> | undefined;
        for (const [name, child] of Object.entries(properties ?? {})) {
          if (typeof child.title !== 'string' || typeof child.description !== 'string') missing.push(`${path}/${name}`);
        }
      }
      for (const value of Object.values(schema)) {
        if (Array.isArray(value)) value.forEach((item, i) => { visit(item, `${path}/${i}`); });
        else visit(value, path);
      }
    };
    visit(configJsonSchema(), '');
    expect(missing).toEqual([]);
  });

  it('agrees with the zod schema on the fixtures', () => {
    // strictRequired objects to `oneOf: [{required: [rule]}, ...]`, whose properties are declared
    // one level up: valid JSON Schema, and the idiom for "exactly one of these keys".
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats.default(ajv);
    const validate = ajv.compile(configJsonSchema());
    for (const name of ['full.palisade.yaml', 'typos.palisade.yaml', 'bad-values.palisade.yaml']) {
      const data = fixture(name);
      expect(validate(data), name).toBe(configSchema.safeParse(data).success);
    }
    expect(validate({ exceptions: [{ reason: 'no rule' }] })).toBe(false);
    expect(validate({ exceptions: [{ rule: 'a', rules: ['b'], reason: 'both' }] })).toBe(false);
  });
});
