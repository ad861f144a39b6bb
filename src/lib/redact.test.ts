import { describe, expect, it } from 'vitest';
import { redact } from './redact.js';

describe('redact', () => {
  it('shows at most four characters and the length', () => {
    expect(redact('hunter2-super-secret')).toBe('hunt… (20 characters)');
    expect(redact('abcdefgh')).toBe('ab… (8 characters)');
    expect(redact('abc')).toBe('… (3 characters)');
  });
});

describe('redact with non-ASCII values', () => {
  it('never splits a surrogate pair', () => {
    expect(redact('🔑🔑🔑🔑🔑🔑🔑🔑')).toBe('🔑🔑… (8 characters)');
  });
});
