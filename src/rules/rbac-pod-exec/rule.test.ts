import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-pod-exec', () => {
  it('reports each policy rule once, naming every streaming subresource it grants', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ops}
rules:
  - {apiGroups: [""], resources: ["pods/exec", "pods/log"], verbs: [create]}
  - {apiGroups: [""], resources: ["*"], verbs: [get]}
`,
    );
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['ClusterRole "ops" grants create on pods/exec', '/rules/0'],
      ['ClusterRole "ops" grants get on pods/exec, pods/attach, pods/portforward', '/rules/1'],
    ]);
  });
});
