import { describe, expect, it } from 'vitest';
import { jsonChunks } from './json-chunks.js';

const joined = (value: unknown): string => [...jsonChunks(value)].join('');

describe('jsonChunks', () => {
  it('joins to exactly what JSON.stringify(value, null, 2) writes', () => {
    const values: unknown[] = [
      null, 3, 'text "quoted"\n', true, [], {}, [[]], [{}],
      { a: 1, b: [1, 2, { c: [], d: {} }], e: { f: { g: { h: { i: [1, { j: 'deep\nline' }] } } } } },
      { skipped: undefined, fn: () => 1, kept: null, list: [undefined, () => 1, Symbol('s'), Number.NaN, -0] },
      { runs: [{ results: [{ message: { text: 'x' }, locations: [] }, { message: { text: 'y' } }] }] },
      { when: new Date(0), nested: { custom: { toJSON: (key: string) => `key ${key}` } } },
      [{ 'key with "quotes"': [{}, [], [1]] }],
    ];
    for (const value of values) expect(joined(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('writes large arrays, wherever they are, in parts of a group of items each', () => {
    const findings = Array.from({ length: 2000 }, (_, i) => ({ id: i, message: `finding ${String(i)}`, tags: ['a', 'b'], skipped: undefined }));
    const report = { schemaVersion: '1', findings, runs: [{ tool: {}, results: findings, empty: [] }], small: [1, 2, 3] };
    const chunks = [...jsonChunks(report)];
    expect(chunks.join('')).toBe(JSON.stringify(report, null, 2));
    expect(chunks.length).toBeGreaterThan(8);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(JSON.stringify(findings.slice(0, 512), null, 8).length);
    const mixed = [...findings.slice(0, 300), { nested: findings }, undefined, ...findings.slice(0, 300)];
    expect([...jsonChunks(mixed)].join('')).toBe(JSON.stringify(mixed, null, 2));
  });
});
