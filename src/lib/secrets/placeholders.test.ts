import { describe, expect, it } from 'vitest';
import { REAL, STAND_INS } from './fixtures/placeholder-values.js';
import { isPlaceholder } from './placeholders.js';

describe('isPlaceholder', () => {
  it('recognises references, templates, format holes, names and sample values', () => {
    expect(STAND_INS.filter((v) => !isPlaceholder(v))).toEqual([]);
    expect(REAL.filter((v) => isPlaceholder(v))).toEqual([]);
  });

});
