import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('network-policy-allows-all-ingress', () => {
  it('explains which rule admits everything and on which ports', async () => {
    const scan = await scanFixtures(rule, ['fail/allow-all.yaml']);
    expect(findingsFor(scan, 'fail-allow-all').map((f) => [f.message, f.location.path])).toEqual([
      ['NetworkPolicy "apps/fail-allow-all" (applies to every pod of its namespace) ingress rule 0 has no from peers, so it admits every source, in the cluster and outside it, on every port', '/spec/ingress/0'],
    ]);
    expect(findingsFor(scan, 'fail-ip-block-any').map((f) => f.message)).toEqual([
      'NetworkPolicy "apps/fail-ip-block-any" (applies to the pods it selects) ingress rule 0 admits ipBlock 0.0.0.0/0 (minus 1 excepted ranges): every address on port 443/TCP',
    ]);
    expect(findingsFor(scan, 'fail-all-namespaces').map((f) => f.status)).toEqual(['warn']);
  });
});
