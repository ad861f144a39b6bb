import { it, expect } from 'vitest';
import { KeywordMatcher } from './keywords.js';
it('finds overlapping and case-insensitive keywords', () => {
  const m = new KeywordMatcher(['key', 'eyj', 's.', 'hvs.', 'secret', 'aws_secret']);
  const names = (t: string) => [...m.present(Buffer.from(t))].map((i) => m.keywords[i]).sort();
  expect(names('monKEYJwt')).toEqual(['eyj', 'key']);
  expect(names('x HVS.abc')).toEqual(['hvs.', 's.']);
  expect(names('AWS_SECRET')).toEqual(['aws_secret', 'secret']);
  expect(names('nothing here')).toEqual([]);
});
