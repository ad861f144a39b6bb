import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-cluster-admin-binding', () => {
  it('reports the built-in cluster-admin bound to non-system subjects, once per binding', async () => {
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
      [
        'ClusterRoleBinding "admins" → ClusterRole "cluster-admin" → its built-in rules (the API server restores them at every start): ServiceAccount build/ci holds every verb on every resource of every API group cluster-wide; full control of the whole cluster, like cluster-admin',
        '/roleRef',
        'critical',
      ],
    ]);
  });

  it('judges a RoleBinding to cluster-admin as full control of its namespace', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: team-admin, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: team-leads}]
`,
    );
    expect(scan.findings.map((f) => [f.severity, f.message.split('; ')[1]])).toEqual([['high', 'full control of the namespace: its secrets, its pods and its RBAC']]);
  });

  it('finds an aggregated ClusterRole that ends up with everything, naming the role the rule came from', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: platform-all, labels: {example.com/platform: "true"}}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: platform}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {example.com/platform: "true"}}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: platform-team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: platform}
subjects: [{kind: User, name: dana}, {kind: User, name: "system:kube-scheduler"}]
`,
    );
    expect(scan.findings.map((f) => [f.resource.name, f.message.split(': ')[0]])).toEqual([
      ['platform-team', 'ClusterRoleBinding "platform-team" → ClusterRole "platform" → rule /rules/0 of ClusterRole "platform-all" (aggregated) at -:4'],
    ]);
    expect(scan.findings[0]?.message).toContain('User dana holds');
    expect(scan.findings[0]?.message).not.toContain('kube-scheduler');
  });

  it('adds the built-in rules back to a stored cluster-admin, as the API server reconciles it, unless autoupdate is off', async () => {
    const yaml = (annotations: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cluster-admin${annotations}}
rules: [{apiGroups: [""], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: jane, namespace: kube-system}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: jane}]
`;
    const reconciled = await scanYaml(rule, yaml(''));
    expect(reconciled.findings.map((f) => [f.resource.name, f.severity, f.message.split(': ')[0]])).toEqual([
      ['jane', 'high', 'RoleBinding "kube-system/jane" → ClusterRole "cluster-admin" → its built-in rules (the API server restores them at every start)'],
    ]);
    const pinned = await scanYaml(rule, yaml(', annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}'));
    expect(pinned.findings).toEqual([]);
  });
});
