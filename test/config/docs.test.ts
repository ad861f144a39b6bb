import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configSchema } from '../../src/config/schema.js';
import { SETTINGS } from '../../src/config/settings.js';

const doc = readFileSync(join(import.meta.dirname, '../../docs/configuration.md'), 'utf8');

describe('docs/configuration.md', () => {
  it('documents every environment variable and flag the schema derives', () => {
    for (const setting of SETTINGS) {
      expect(doc, setting.env).toContain(`| \`${setting.env}\` | \`${setting.path.join('.')}\` |`);
      expect(doc, setting.flag).toContain(`\`${setting.flag}\``);
    }
  });

  it('documents every top-level key', () => {
    for (const key of Object.keys(configSchema.shape)) expect(doc, key).toMatch(new RegExp(`\\| \`${key}[.\`]`));
  });

  it('shows an example file that the schema accepts', () => {
    const example = /## The file\n\n```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const result = configSchema.safeParse(parseYaml(example ?? ''));
    expect(result.error?.issues ?? []).toEqual([]);
  });
});
