import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-error-offset.js';

describe('jsonErrorOffset', () => {
  it('points at the first character that is not JSON', () => {
    expect(jsonErrorOffset('{"a": [1, 2, oops]}')).toBe(13);
    expect(jsonErrorOffset('{"a": 1 "b": 2}')).toBe(8);
    expect(jsonErrorOffset('{"a": "x\u0001"}')).toBe(8);
    expect(jsonErrorOffset('{"a": "\\q"}')).toBe(7);
    expect(jsonErrorOffset('{"a": [1,]}')).toBe(9);
    expect(jsonErrorOffset('[1] 2')).toBe(4);
    expect(jsonErrorOffset('{"a": ')).toBe(6);
    expect(jsonErrorOffset('')).toBe(0);
    expect(jsonErrorOffset('{"a": [1, {"b": null}], "c": -1.5e3, "d": "\\u00e9\\n"}')).toBeUndefined();
  });

  it('agrees with JSON.parse on whether text is JSON, and is bounded on deep nesting', () => {
    const valid = JSON.stringify({ id: 'GHSA-x', affected: [{ package: { name: 'a-b', ecosystem: 'npm' }, ranges: [{ events: [{ introduced: '0' }, { fixed: '1.2.3' }] }] }], n: [0, -1, 2.5e-3, true, false, null], s: 'q"\\\n\t\u00e9' });
    let seed = 7;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const characters = '{}[]:,"\\ 0-1.eE+tfnaux';
    for (let round = 0; round < 2000; round++) {
      const at = random(valid.length + 1);
      const mutated = random(2) === 0 ? valid.slice(0, at) + characters.charAt(random(characters.length)) + valid.slice(at) : valid.slice(0, at) + valid.slice(at + 1);
      let parses = true;
      try {
        JSON.parse(mutated);
      } catch {
        parses = false;
      }
      expect([mutated, jsonErrorOffset(mutated) === undefined]).toEqual([mutated, parses]);
    }
    expect(jsonErrorOffset('['.repeat(1_000_000))).toBe(1_000_000);
  });
});
