import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('kubernetes-dashboard-exposed', () => {
  it('reports skip-login, a cluster-admin ServiceAccount and a NodePort Service', async () => {
    const scan = await scanFixtures(rule, ['fail/dashboard.yaml']);
    expect(findingsFor(scan, 'fail-dashboard-open', 'Deployment').map((f) => [f.message, f.severity])).toEqual([
      ['container "kubernetes-dashboard" runs the Dashboard with --enable-skip-login: anyone who reaches it acts as its ServiceAccount without a token', 'high'],
      ['the Dashboard runs as ServiceAccount kubernetes-dashboard/kubernetes-dashboard, which ClusterRoleBinding "dashboard-admin" makes cluster-admin', 'critical'],
      ['the Dashboard is exposed outside the cluster by NodePort Service "dashboard"', 'high'],
    ]);
  });
});
