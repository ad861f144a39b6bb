import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-escalation-verbs', () => {
  it('separates impersonation from escalate and bind', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: power}
rules:
  - {apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate]}
  - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: ["*"]}
  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
`,
    );
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['ClusterRole "power" grants impersonate on serviceaccounts: its holders act as other identities, including cluster administrators', '/rules/0'],
      [
        'ClusterRole "power" grants escalate, bind on clusterroles.rbac.authorization.k8s.io: its holders bypass RBAC privilege-escalation prevention and can grant themselves any permission',
        '/rules/1',
      ],
      [
        'ClusterRole "power" grants escalate, bind on roles.rbac.authorization.k8s.io, clusterroles.rbac.authorization.k8s.io; impersonate on users, groups, serviceaccounts, userextras.authentication.k8s.io, uids.authentication.k8s.io: its holders bypass RBAC privilege-escalation prevention and can grant themselves any permission; its holders act as other identities, including cluster administrators',
        '/rules/2',
      ],
    ]);
  });
});
