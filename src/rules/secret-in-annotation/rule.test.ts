import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('secret-in-annotation', () => {
  it('names the keys and never the values', async () => {
    const scan = await scanFixtures(rule, ['fail/last-applied.yaml']);
    const messages = findingsFor(scan, 'fail-kubectl-applied').map((f) => f.message);
    expect(messages).toEqual([
      'Secret "apps/fail-kubectl-applied" carries a copy of its data ("password", "username") in the annotation kubectl.kubernetes.io/last-applied-configuration, readable wherever metadata is',
    ]);
    expect(messages.join('')).not.toContain('czNjcjN0');
  });
});
