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
it('agrees with a plain substring search on random text', () => {
  const keywords = ['key', 'eyj', 's.', 'hvs.', 'secret', 'aws_secret', 'sk_live_', 'a3t', 'private key', 'age-secret-key-1'];
  const m = new KeywordMatcher(keywords);
  // Pseudo-random but fixed (no flaky failures): text over the keywords' own characters, mixed case.
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = 'keyjs.hvcrtaw_lipPKEYJS -g1';
  for (let round = 0; round < 300; round += 1) {
    const text = Array.from({ length: 1 + Math.floor(next() * 60) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const expected = keywords.filter((k) => text.toLowerCase().includes(k)).sort();
    expect([...m.present(Buffer.from(text))].map((i) => m.keywords[i]).sort()).toEqual(expected);
  }
});
it('finds keywords across the boundaries of its four parallel passes', () => {
  const keywords = ['key', 's.', 'secret_access_key', 'age-secret-key-1', 'eyj'];
  const m = new KeywordMatcher(keywords);
  let seed = 11;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 200; round += 1) {
    const length = 1024 + Math.floor(next() * 4000);
    const chars = Array.from({ length }, () => 'abcdfghijlmnopqruvwxz0123 '[Math.floor(next() * 26)] ?? ' ');
    // Plant one keyword so that it straddles a quarter boundary (or sits at the very start or end).
    const keyword = keywords[round % keywords.length] ?? 'key';
    const quarter = length >> 2;
    const anchor = [0, quarter, 2 * quarter, 3 * quarter, length - keyword.length][round % 5] ?? 0;
    const at = Math.max(0, Math.min(length - keyword.length, anchor - Math.floor(next() * keyword.length)));
    chars.splice(at, keyword.length, ...Array.from(keyword.toUpperCase()));
    const text = chars.join('');
    const expected = keywords.filter((k) => text.toLowerCase().includes(k)).sort();
    expect(expected).toContain(keyword);
    expect([...m.present(Buffer.from(text))].map((i) => m.keywords[i]).sort()).toEqual(expected);
  }
});
