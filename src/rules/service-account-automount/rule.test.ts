import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('service-account-automount', () => {
  it('tells default ServiceAccounts apart and honours the allow list', async () => {
    const scan = await scanFixtures(rule, ['fail/automount.yaml']);
    expect(findingsFor(scan, 'default').map((f) => f.message)).toEqual([
      'ServiceAccount "fail-team/default" does not set automountServiceAccountToken: false, so every pod of the namespace that names no ServiceAccount gets an API token mounted unless the pod opts out',
    ]);
    const allowed = await scanFixtures(rule, ['fail/automount.yaml'], { allow: ['apps/fail-explicit-true'] });
    expect(findingsFor(allowed, 'fail-explicit-true')).toEqual([]);
  });
});
