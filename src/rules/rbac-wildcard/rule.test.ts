import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-wildcard', () => {
  it('lists the wildcard fields, points at the first one and ranks full wildcards high', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: broad}
rules:
  - {apiGroups: [apps], resources: [deployments, "*"], verbs: [get]}
  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
`,
    );
    expect(scan.findings.map((f) => [f.message, f.location.path, f.severity])).toEqual([
      ['ClusterRole "broad" has "*" in resources: it also grants whatever is added to the API later', '/rules/0/resources/1', 'medium'],
      [
        'ClusterRole "broad" has "*" in verbs, resources, apiGroups: every verb on every resource of the matched groups, including kinds added to the API later',
        '/rules/1/verbs/0',
        'high',
      ],
    ]);
  });
});
