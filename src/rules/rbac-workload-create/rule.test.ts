import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-workload-create', () => {
  it('names every workload resource a policy rule can write, in one finding', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: app}
rules:
  - apiGroups: [apps]
    resources: [deployments, statefulsets, services]
    verbs: [create, delete]
  - apiGroups: [""]
    resources: [pods]
    verbs: ["*"]
`,
    );
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['Role "app/deployer" grants create on deployments.apps, statefulsets.apps', '/rules/0'],
      ['Role "app/deployer" grants create, update, patch on pods', '/rules/1'],
    ]);
  });
});
