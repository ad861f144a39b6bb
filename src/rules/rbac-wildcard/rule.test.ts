import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const BROAD = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: broad}
rules:
  - {apiGroups: [apps], resources: [deployments, "*"], verbs: [get]}
  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
`;

describe('rbac-wildcard', () => {
  it('lists the wildcard fields, points at the first one and ranks full wildcards high', async () => {
    const scan = await scanYaml(rule, BROAD);
    expect(scan.findings.map((f) => [f.message.replace(/ \(rule .*?\)/, ''), f.location.path, f.severity])).toEqual([
      ['ClusterRole "broad" grants "*" in resources wherever it is bound, and no binding in the input refers to it yet; it also grants whatever is added to the API later', '/rules/0/resources/1', 'medium'],
      [
        'ClusterRole "broad" grants "*" in verbs, resources, apiGroups wherever it is bound, and no binding in the input refers to it yet; every verb on every resource of the matched groups, including kinds added to the API later',
        '/rules/1/verbs/0',
        'high',
      ],
    ]);
  });

  it('reports the wildcards on each binding, but never those of the built-in cluster-admin', async () => {
    const scan = await scanYaml(
      rule,
      `${BROAD}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: broad, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: broad}
subjects: [{kind: Group, name: team}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: admins}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: admins}]
`,
    );
    expect(scan.findings.map((f) => [f.resource.name, f.status, f.location.path])).toEqual([
      ['broad', 'fail', '/roleRef'],
      ['broad', 'fail', '/roleRef'],
    ]);
  });
});
