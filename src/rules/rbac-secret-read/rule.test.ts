import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const READER = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: app}
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get]
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get]
  - apiGroups: [""]
    resources: [secrets]
    verbs: [list, watch]
  - apiGroups: [""]
    resources: [secrets]
    resourceNames: [app-tls]
    verbs: [get, watch]
`;

describe('rbac-secret-read', () => {
  it('reports list as high and get alone as medium, per rule, on the binding that grants them', async () => {
    const scan = await scanYaml(
      rule,
      `${READER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: web}]
`,
    );
    expect(scan.findings.map((f) => [f.message, f.location.path, f.severity])).toEqual([
      [
        'RoleBinding "app/reader" → Role "app/reader" → rule /rules/1 at -:8: ServiceAccount app/web holds get on secrets in namespace "app"; anyone holding it can read any secret whose name they know',
        '/roleRef',
        'medium',
      ],
      [
        'RoleBinding "app/reader" → Role "app/reader" → rule /rules/2 at -:11: ServiceAccount app/web holds list, watch on secrets in namespace "app"; list and watch return the data of every secret in scope',
        '/roleRef',
        'high',
      ],
    ]);
    // The binding is the finding's home; the line of the rule that grants it is in the message.
    expect(scan.findings[1]?.location.line).toBe(22);
  });

  it('warns about a reader role nothing binds, pointing at its rule', async () => {
    const scan = await scanYaml(rule, READER);
    expect(scan.findings.map((f) => [f.status, f.location.path, f.location.line])).toEqual([
      ['warn', '/rules/1', 8],
      ['warn', '/rules/2', 11],
    ]);
  });

  it('skips the roles every cluster ships with and the platform components they are bound to', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:namespace-controller"}
rules:
  - {apiGroups: ["*"], resources: ["*"], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
rules:
  - {apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: "system:kube-controller-manager"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin-copy}
rules:
  - {apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}
`,
    );
    // an unlabelled role is the user's own, even when it copies a default
    expect(scan.findings.map((f) => f.resource.name)).toEqual(['admin-copy']);
  });
});
