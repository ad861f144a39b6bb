import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-webhook-config-write', () => {
  it('names the group-qualified resource and the write verbs', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: installer}
rules:
  - apiGroups: [admissionregistration.k8s.io]
    resources: [mutatingwebhookconfigurations]
    verbs: [get, create, update]
`,
    );
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['ClusterRole "installer" grants create, update on mutatingwebhookconfigurations.admissionregistration.k8s.io', '/rules/0'],
    ]);
  });
});
