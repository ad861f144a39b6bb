import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('host-aliases', () => {
  it('names the hostnames and the address', async () => {
    const scan = await scanFixtures(rule, ['fail/aliases.yaml']);
    expect(findingsFor(scan, 'fail-pod-alias').map((f) => [f.status, f.message, f.location.path])).toEqual([
      ['warn', 'pod pins "registry.example.com", "mirror.example.com" to 10.1.2.3 in /etc/hosts, bypassing DNS', '/spec/hostAliases/0'],
    ]);
  });
});
