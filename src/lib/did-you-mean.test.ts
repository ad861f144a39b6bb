import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from './did-you-mean.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('reason', 'reason')).toBe(0);
    expect(editDistance('reasn', 'reason')).toBe(1);
    expect(editDistance('reasons', 'reason')).toBe(1);
    expect(editDistance('raeson', 'reason')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closest', () => {
  const keys = ['failOn', 'rules', 'disabledRules', 'exceptions', 'limits', 'helm', 'crownJewels', 'namespaces'];

  it('ignores case, dashes and underscores', () => {
    expect(closest('fail_on', keys)).toBe('failOn');
    expect(closest('FAIL-ON', keys)).toBe('failOn');
    expect(closest('disabled-rules', keys)).toBe('disabledRules');
  });

  it('suggests plausible typos and nothing for unrelated words', () => {
    expect(closest('exeptions', keys)).toBe('exceptions');
    expect(closest('namespace', keys)).toBe('namespaces');
    expect(closest('kubeconfig', keys)).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
    expect(didYouMean('lmits', keys)).toBe('Did you mean "limits"?');
    expect(didYouMean('zzzzzz', keys)).toBe('');
  });
});
