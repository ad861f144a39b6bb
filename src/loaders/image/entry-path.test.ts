import { describe, expect, it } from 'vitest';
import { normalizeEntryPath } from './entry-path.js';

const where = (): string => 'layer 1, entry 1';
const normal = (raw: string): string | undefined => normalizeEntryPath(raw, 4096, where);

describe('entry names', () => {
  it('roots plain names and cleans the rest the way runtimes do', () => {
    expect(normal('a/b')).toBe('/a/b');
    expect(normal('a/b/')).toBe('/a/b');
    expect(normal('./a')).toBe('/a');
    expect(normal('/a//b/')).toBe('/a/b');
    expect(normal('a/./b')).toBe('/a/b');
    expect(normal('a/.')).toBe('/a');
    expect(normal('...')).toBe('/...');
    expect(normal('.a/..b/c.')).toBe('/.a/..b/c.');
    expect(normal('.')).toBeUndefined();
    expect(normal('./')).toBeUndefined();
    expect(normal('')).toBeUndefined();
  });

  it('refuses .. components, NUL bytes and over-long names, naming the entry', () => {
    for (const raw of ['..', '../x', 'a/..', 'a/../b', './..']) expect(() => normal(raw)).toThrow(/layer 1, entry 1: .*path traversal/);
    expect(() => normal('a\0b')).toThrow(/NUL/);
    expect(() => normalizeEntryPath('x'.repeat(20), 10, where)).toThrow(/exceeds the limit of 10/);
  });
});
