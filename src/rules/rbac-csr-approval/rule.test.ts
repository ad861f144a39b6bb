import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const APPROVER = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: approver}
rules:
  - {apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: ["kubernetes.io/*"], verbs: [approve]}
  - {apiGroups: [certificates.k8s.io], resources: ["certificatesigningrequests/approval"], verbs: [update]}
  - {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create]}
`;

describe('rbac-csr-approval', () => {
  it('names the binding, the role and the three rules, and the subject', async () => {
    const scan = await scanYaml(
      rule,
      `${APPROVER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: approvers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: approver}
subjects: [{kind: User, name: carol}]
`,
    );
    expect(scan.findings.map((f) => [f.resource.name, f.status, f.location.path])).toEqual([['approvers', 'fail', '/roleRef']]);
    expect(scan.findings[0]?.message).toBe(
      'ClusterRoleBinding "approvers" → ClusterRole "approver" → rule /rules/0 at -:5; rule /rules/1 at -:6; rule /rules/2 at -:7: User carol holds create on certificatesigningrequests, update on certificatesigningrequests/approval and approve on the kubernetes.io/kube-apiserver-client signer cluster-wide; its holders issue themselves a client certificate for any user or group but system:masters (which admission refuses), so for any identity a binding names',
    );
  });

  it('ranks approving without create high, and finds nothing through a RoleBinding', async () => {
    const withoutCreate = await scanYaml(
      rule,
      `${APPROVER.replace(/\n {2}- \{apiGroups: \[certificates\.k8s\.io\], resources: \[certificatesigningrequests\], verbs: \[create\]\}/, '')}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: approvers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: approver}
subjects: [{kind: User, name: carol}]
`,
    );
    expect(withoutCreate.findings.map((f) => [f.severity, (f.message.split(': User carol holds ')[1] ?? '').split(' cluster-wide')[0]])).toEqual([
      ['high', 'update on certificatesigningrequests/approval and approve on the kubernetes.io/kube-apiserver-client signer'],
    ]);
    const inNamespace = await scanYaml(
      rule,
      `${APPROVER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: approvers, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: approver}
subjects: [{kind: User, name: carol}]
`,
    );
    expect(inNamespace.findings).toEqual([]);
  });

  it('warns about an approver role nothing binds yet', async () => {
    const scan = await scanYaml(rule, APPROVER);
    expect(scan.findings.map((f) => [f.resource.name, f.status, f.location.path])).toEqual([['approver', 'warn', '/rules/0']]);
    expect(scan.findings[0]?.message).toContain('wherever it is bound, and no binding in the input refers to it yet');
  });
});
