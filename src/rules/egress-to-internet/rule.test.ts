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

  it('reports an ipBlock that holds the cloud metadata address, unless an except carves it out', async () => {
    const scan = await scanFixtures(rule, ['fail/open-egress.yaml']);
    expect(findingsFor(scan, 'fail-cloud-metadata').map((f) => [f.message, f.location.path, f.severity])).toEqual([
      [
        'NetworkPolicy "apps/fail-cloud-metadata" (applies to the pods it selects) egress rule 0 allows ipBlock 169.254.0.0/16, which holds the cloud instance metadata address 169.254.169.254 (the node\'s cloud credentials), on every port',
        '/spec/egress/0/to/1/ipBlock/cidr',
        'medium',
      ],
      [
        'NetworkPolicy "apps/fail-cloud-metadata" (applies to the pods it selects) egress rule 1 allows ipBlock 169.254.169.254/32, which holds the cloud instance metadata address 169.254.169.254 (the node\'s cloud credentials), on port 80/TCP',
        '/spec/egress/1/to/0/ipBlock/cidr',
        'medium',
      ],
    ]);
  });
});
