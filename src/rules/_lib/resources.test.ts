import { describe, expect, it } from 'vitest';
import { isZeroQuantity } from './resources.js';

describe('isZeroQuantity', () => {
  it.each([[0, true], ['0', true], ['0Mi', true], ['0.0', true], ['.0', true], ['+0m', true], ['100m', false], ['1Gi', false], [0.5, false], ['0.1', false], ['1e3', false]] as const)('%j -> %s', (value, zero) => {
    expect(isZeroQuantity(value)).toBe(zero);
  });
});
