import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-csr-approval', () => {
  it('names both rules and points at the signer rule', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: approver}
rules:
  - {apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: ["kubernetes.io/*"], verbs: [approve]}
  - {apiGroups: [certificates.k8s.io], resources: ["certificatesigningrequests/approval"], verbs: [update]}
`,
    );
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['ClusterRole "approver" can approve certificate signing requests for the kube-apiserver client signer (update on certificatesigningrequests/approval at /rules/1, approve on signers at /rules/0)', '/rules/0'],
    ]);
  });
});
