import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-unused-role', () => {
  it('says what would bind the role, at its name', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: stale, namespace: shop}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: other}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: ann}]
`,
    );
    expect(scan.findings.map((f) => [f.message, f.location.path, f.status, f.severity])).toEqual([
      ['Role "shop/stale" is bound to nothing: no RoleBinding in namespace "shop" with a subject refers to it and no aggregated ClusterRole selects it', '/metadata/name', 'warn', 'low'],
    ]);
  });

  it('does not judge roles when the input holds no binding at all', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: chart-role}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
`,
    );
    expect(scan.findings).toEqual([]);
  });
});
