import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('default-service-account', () => {
  it('names the namespace and whether the default was implicit', async () => {
    const scan = await scanFixtures(rule, ['fail/default.yaml']);
    expect(findingsFor(scan, 'fail-pod-unset').map((f) => [f.message, f.location.path])).toEqual([
      ['pod runs as the "default" ServiceAccount of namespace "default" (no serviceAccountName is set), shared with every pod there that names no other', '/spec/serviceAccountName'],
    ]);
    expect(findingsFor(scan, 'fail-deployment-explicit-default').map((f) => f.message)).toEqual([
      'pod runs as the "default" ServiceAccount of namespace "shop" (serviceAccountName names it), shared with every pod there that names no other',
    ]);
  });
});
