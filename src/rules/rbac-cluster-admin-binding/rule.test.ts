import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-cluster-admin-binding', () => {
  it('reports each non-system subject at its own entry', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: admins}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
  - {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:masters"}
  - {kind: ServiceAccount, name: ci, namespace: build}
`,
    );
    expect(scan.findings.map((f) => [f.message, f.location.path, f.severity])).toEqual([
      ['ClusterRoleBinding "admins" gives ServiceAccount build/ci cluster-admin: full control of the whole cluster', '/subjects/1', 'critical'],
    ]);
  });
});
