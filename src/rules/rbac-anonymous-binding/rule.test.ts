import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-anonymous-binding', () => {
  it('says who gets the role and ranks authenticated-only bindings high', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: open, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
  - {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:authenticated"}
  - {kind: User, apiGroup: rbac.authorization.k8s.io, name: "system:anonymous"}
`,
    );
    expect(scan.findings.map((f) => [f.message, f.location.path, f.severity])).toEqual([
      [
        'RoleBinding "app/open" grants Role "reader" to Group system:authenticated, that is to every authenticated identity, including any service account token of any namespace',
        '/subjects/0',
        'high',
      ],
      ['RoleBinding "app/open" grants Role "reader" to User system:anonymous, that is to every unauthenticated request', '/subjects/1', 'critical'],
    ]);
  });
});
