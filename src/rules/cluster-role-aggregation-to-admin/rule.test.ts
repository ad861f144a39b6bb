import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('cluster-role-aggregation-to-admin', () => {
  it('says which role the grant flows into and what breaks its promise', async () => {
    const scan = await scanFixtures(rule, ['fail/aggregated.yaml']);
    expect(findingsFor(scan, 'fail-view-reads-secrets').map((f) => [f.message, f.location.path])).toEqual([
      ['ClusterRole "fail-view-reads-secrets" is aggregated into "view" (label rbac.authorization.k8s.io/aggregate-to-view) and grants read access to Secrets (view deliberately excludes them): every holder of view gets it', '/rules/1'],
    ]);
  });
});
