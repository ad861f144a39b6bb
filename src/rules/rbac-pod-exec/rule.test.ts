import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-pod-exec', () => {
  it('reports each policy rule once, naming every streaming subresource it grants, for the binding scope', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ops}
rules:
  - {apiGroups: [""], resources: ["pods/exec", "pods/log"], verbs: [create]}
  - {apiGroups: [""], resources: ["*"], verbs: [get]}
  - {apiGroups: [""], resources: ["pods/*"], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ops, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ops}
subjects: [{kind: User, name: oncall}, {kind: ServiceAccount, name: debugger}]
`,
    );
    // "pods/*" is not a wildcard in RBAC: it matches a subresource literally named "*".
    expect(scan.findings.map((f) => (f.message.split('; ')[0] ?? '').replace(/ at -:\d+/, ''))).toEqual([
      'RoleBinding "shop/ops" → ClusterRole "ops" → rule /rules/0: User oncall and ServiceAccount shop/debugger hold create on pods/exec in namespace "shop"',
      'RoleBinding "shop/ops" → ClusterRole "ops" → rule /rules/1: User oncall and ServiceAccount shop/debugger hold get on pods/exec, pods/attach, pods/portforward in namespace "shop"',
    ]);
  });

  it('leaves the default policy alone until a user binding hands it out', async () => {
    const defaults = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
rules: [{apiGroups: [""], resources: ["pods/exec"], verbs: [create, get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:admins", labels: {kubernetes.io/bootstrapping: rbac-defaults}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: "system:kube-controller-manager"}]
`;
    expect((await scanYaml(rule, defaults)).findings).toEqual([]);
    const handedOut = await scanYaml(
      rule,
      `${defaults}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dev-admin, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: Group, name: developers}]
`,
    );
    expect(handedOut.findings.map((f) => f.resource.name)).toEqual(['dev-admin']);
  });
});
