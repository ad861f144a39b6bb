import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const INSTALLER = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: installer}
rules:
  - apiGroups: [admissionregistration.k8s.io]
    resources: [mutatingwebhookconfigurations]
    verbs: [get, create, update]
`;

describe('rbac-webhook-config-write', () => {
  it('names the group-qualified resource and the write verbs a ClusterRoleBinding grants', async () => {
    const scan = await scanYaml(
      rule,
      `${INSTALLER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: installer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: installer}
subjects: [{kind: ServiceAccount, name: operator, namespace: ops}]
`,
    );
    expect(scan.findings.map((f) => [(f.message.split('; ')[0] ?? '').replace(/^.*holds /, ''), f.location.path])).toEqual([
      ['create, update on mutatingwebhookconfigurations.admissionregistration.k8s.io cluster-wide', '/roleRef'],
    ]);
  });

  it('finds nothing when a RoleBinding binds it: webhook configurations are cluster-scoped', async () => {
    const scan = await scanYaml(
      rule,
      `${INSTALLER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: installer, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: installer}
subjects: [{kind: ServiceAccount, name: operator}]
`,
    );
    expect(scan.findings).toEqual([]);
  });
});
