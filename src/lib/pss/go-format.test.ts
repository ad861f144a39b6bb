import { describe, expect, it } from 'vitest';
import { goCompare, goQuote, joinQuote, sortedSet } from './go-format.js';

describe('Go formatting helpers', () => {
  it('quotes like strconv.Quote', () => {
    expect(goQuote('unconfined')).toBe('"unconfined"');
    expect(goQuote('a"b\\c\n\t\u0001\u007f\u00a0é')).toBe('"a\\"b\\\\c\\n\\t\\x01\\x7f\\u00a0é"');
  });

  it('joins with quotes but without escaping, as joinQuote does', () => {
    expect(joinQuote([])).toBe('');
    expect(joinQuote(['a', 'b"c'])).toBe('"a", "b"c"');
  });

  it('sorts by code point (Go byte order), not UTF-16 units', () => {
    expect(sortedSet(['b', 'a', 'B', 'b', '\u{1F600}', '\uFF5E'])).toEqual(['B', 'a', 'b', '\uFF5E', '\u{1F600}']);
    expect(goCompare('ab', 'a')).toBeGreaterThan(0);
    expect(goCompare('a', 'a')).toBe(0);
  });
});
