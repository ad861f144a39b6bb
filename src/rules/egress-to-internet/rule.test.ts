import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('egress-to-internet', () => {
  it('reports unrestricted egress and lowers the severity when ports are listed', async () => {
    const scan = await scanFixtures(rule, ['fail/open-egress.yaml']);
    expect(findingsFor(scan, 'fail-no-peers').map((f) => [f.message, f.severity])).toEqual([
      ['NetworkPolicy "apps/fail-no-peers" (applies to every pod of its namespace) egress rule 1 has no to peers, so it allows connections to any address, the internet included, on every port', 'medium'],
    ]);
    expect(findingsFor(scan, 'fail-any-ipv6').map((f) => [f.location.path, f.severity])).toEqual([['/spec/egress/0/to/0/ipBlock/cidr', 'low']]);
  });
});
