import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEMS } from '../../src/core/errors.js';
import { DEFAULT_LIMITS } from '../../src/core/loader.js';
import { ROOT } from '../support/cli.js';

describe('docs/errors.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
  const documented = new Map([...doc.matchAll(/^\| `([a-z-]+)` \| (error|warning|note) \|/gm)].map((m) => [m[1], m[2]]));

  it('documents every problem code with its level, and no code that does not exist', () => {
    const catalog = new Map(Object.entries(PROBLEMS).map(([code, spec]) => [code, spec.level as string]));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(catalog));
  });

  it('states the default file size limit the loader applies', () => {
    const stated = /`limits\.maxFileBytes` \((\d+) MiB by default\)/.exec(doc);
    expect(stated?.[1] === undefined ? undefined : Number(stated[1]) * 1024 * 1024).toBe(DEFAULT_LIMITS.maxFileBytes);
  });
});
