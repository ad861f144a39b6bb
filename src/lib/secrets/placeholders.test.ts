import { describe, expect, it } from 'vitest';
import { REAL, STAND_INS } from './fixtures/placeholder-values.js';
import { isPlaceholder } from './placeholders.js';

describe('isPlaceholder', () => {
  it('recognises references, templates, format holes, names and sample values', () => {
    expect(STAND_INS.filter((v) => !isPlaceholder(v))).toEqual([]);
    expect(REAL.filter((v) => isPlaceholder(v))).toEqual([]);
  });


  it('takes short sample words in one case only: in mixed case they occur by chance in random tokens', () => {
    expect(['FAKE_TOKEN_1234', 'fake-token-1234', 'YOUR_TOKEN_HERE', 'ghp_xxxxQ7rTm2'].filter((v) => !isPlaceholder(v))).toEqual([]);
    expect(['Xw937qtWSXJss1lFaKe', 'Q7rTm2yOUrLp9Vb4'].filter((v) => isPlaceholder(v))).toEqual([]);
  });
});
