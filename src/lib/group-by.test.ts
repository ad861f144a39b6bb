import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by.js';

describe('groupBy', () => {
  it('keeps first-seen key order and item order within each group, undefined keys included', () => {
    const groups = groupBy(['b1', 'a1', 'b2', 'x', 'a2'], (s) => (s.length === 2 ? s[0] : undefined));
    expect([...groups]).toEqual([['b', ['b1', 'b2']], ['a', ['a1', 'a2']], [undefined, ['x']]]);
  });

  it('groups 100,000 items under one key without copying the group per item', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => i);
    expect(groupBy(items, () => 'node-1').get('node-1')).toHaveLength(100_000);
  });
});
