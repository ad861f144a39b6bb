import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const POWER = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: power}
rules:
  - {apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}
  - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: ["*"]}
  - {apiGroups: [""], resources: [users], resourceNames: ["system:admin"], verbs: [impersonate]}
  - {apiGroups: [rbac.authorization.k8s.io], resources: [roles], resourceNames: [viewer], verbs: [bind]}
`;

describe('rbac-escalation-verbs', () => {
  it('separates impersonation from escalate and bind, per policy rule, when bound cluster-wide', async () => {
    const scan = await scanYaml(
      rule,
      `${POWER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: power}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: power}
subjects: [{kind: Group, name: sre}]
`,
    );
    expect(scan.findings.map((f) => f.message.replace(/^.*?: Group sre holds /, ''))).toEqual([
      'impersonate on serviceaccounts cluster-wide; its holders act as other identities, including cluster administrators',
      'bind, escalate on clusterroles.rbac.authorization.k8s.io cluster-wide; its holders bypass RBAC privilege-escalation prevention and can grant themselves any permission',
      // impersonating one named user is still acting as that user; binding one named role is the narrowed form
      'impersonate on users (only the objects named system:admin) cluster-wide; its holders act as other identities, including cluster administrators',
    ]);
  });

  it('keeps what a RoleBinding grants: bind on clusterroles and impersonating ServiceAccounts of its namespace', async () => {
    const scan = await scanYaml(
      rule,
      `${POWER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: power, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: power}
subjects: [{kind: Group, name: sre}]
`,
    );
    expect(scan.findings.map((f) => f.message.replace(/^.*?: Group sre holds /, '').split(';')[0])).toEqual([
      'impersonate on serviceaccounts in namespace "team"',
      'bind on clusterroles.rbac.authorization.k8s.io in namespace "team"',
    ]);
  });
});
