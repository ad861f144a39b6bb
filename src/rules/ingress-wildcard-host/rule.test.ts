import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('ingress-wildcard-host', () => {
  it('names the wildcard host and points at it', async () => {
    const scan = await scanFixtures(rule, ['fail/wildcard.yaml']);
    expect(findingsFor(scan, 'fail-wildcard').map((f) => [f.status, f.message, f.location.path])).toEqual([
      ['warn', 'Ingress "web/fail-wildcard" routes every subdomain matching "*.example.com" to its backends', '/spec/rules/1/host'],
    ]);
  });
});
