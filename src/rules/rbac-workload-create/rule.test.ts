import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-workload-create', () => {
  it('names every workload resource a policy rule can write, in one finding per rule', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: app}
rules:
  - apiGroups: [apps]
    resources: [deployments, statefulsets, services]
    verbs: [create, delete]
  - apiGroups: [""]
    resources: [pods]
    verbs: ["*"]
  - apiGroups: [apps]
    resources: [deployments]
    resourceNames: [web]
    verbs: [patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
subjects: [{kind: ServiceAccount, name: argocd, namespace: argocd}]
`,
    );
    expect(scan.findings.map((f) => (f.message.split('; ')[0] ?? '').replace(/ at -:\d+/, ''))).toEqual([
      'RoleBinding "app/deployer" → Role "app/deployer" → rule /rules/0: ServiceAccount argocd/argocd holds create on deployments.apps, statefulsets.apps in namespace "app"',
      'RoleBinding "app/deployer" → Role "app/deployer" → rule /rules/1: ServiceAccount argocd/argocd holds create, update, patch on pods in namespace "app"',
    ]);
  });

  it('says what writing existing pods allows: their images, not their ServiceAccount or mounts', async () => {
    const binding = (verbs: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: patcher, namespace: app}
rules: [{apiGroups: [""], resources: [pods], verbs: [${verbs}]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: patcher, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: patcher}
subjects: [{kind: User, name: dana}]
`;
    const [patchOnly] = (await scanYaml(rule, binding('update, patch'))).findings;
    expect(patchOnly?.message).toContain('swap the image of running pods');
    const [create] = (await scanYaml(rule, binding('create'))).findings;
    expect(create?.message).toContain('run a pod as any ServiceAccount of the namespace');
  });

  it('does not count a role name in the wrong form: RBAC resources are plural and exact', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: singular}
rules: [{apiGroups: [""], resources: [pod], verbs: [create]}]
`,
    );
    expect(scan.findings).toEqual([]);
  });
});
