import { describe, expect, it } from 'vitest';
import { withChanges } from './objects.js';

describe('withChanges', () => {
  it('copies the base with the changes applied, leaving the base as it was', () => {
    const base = { a: 1, b: 'x', c: [1] } as const;
    const changed = withChanges(base, { b: 'y', d: true });
    expect(changed).toEqual({ a: 1, b: 'y', c: [1], d: true });
    expect(changed.c).toBe(base.c);
    expect(base).toEqual({ a: 1, b: 'x', c: [1] });
  });
});
