import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('pod-without-owner', () => {
  it('warns about the naked pod by name', async () => {
    const scan = await scanFixtures(rule, ['fail/naked.yaml']);
    expect(findingsFor(scan, 'fail-naked-pod').map((f) => [f.status, f.message])).toEqual([
      ['warn', 'Pod "apps/fail-naked-pod" has no owning controller: it is not recreated after eviction or node failure and no rollout updates it'],
    ]);
  });
});
