import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-dangling-binding', () => {
  it('points at the missing role and at each missing ServiceAccount', async () => {
    const scan = await scanFixtures(rule, ['fail/dangling.yaml']);
    expect(findingsFor(scan, 'fail-missing-role').map((f) => [f.message, f.location.path])).toEqual([
      ['RoleBinding "shop/fail-missing-role" refers to Role "deployer" in namespace "shop", which the input does not define: whoever creates it decides what the binding\'s subjects get', '/roleRef/name'],
    ]);
    expect(findingsFor(scan, 'fail-missing-service-account').map((f) => [f.message, f.location.path])).toEqual([
      [
        'RoleBinding "shop/fail-missing-service-account" names ServiceAccount shop/old-worker, which the input does not declare although it declares other ServiceAccounts of namespace "shop": whoever creates it gets the binding\'s permissions',
        '/subjects/1',
      ],
    ]);
  });

  it('expects the system: roles once the input carries the default policy itself, never admin, edit or view', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: editors}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: editors}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: monitors}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:platform-monitoring}
subjects: [{kind: Group, name: monitors}]
`,
    );
    // edit is recreated by the API server at every start; a system: role of a dump is not.
    expect(scan.findings.map((f) => f.resource.name)).toEqual(['monitors']);
  });

  it('does not take the built-in roles bindings refer to for a copy of the default policy', async () => {
    // A binding to edit brings edit's built-in stand-in (bootstrap-labelled) into the RBAC index;
    // the input still carries no default policy, so a missing system: role is assumed present.
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: editors, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: editors}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: monitors}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:platform-monitoring}
subjects: [{kind: Group, name: monitors}]
`,
    );
    expect(scan.findings).toEqual([]);
  });
});
