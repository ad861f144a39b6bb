import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-workload-create', () => {
  it('reports each workload resource a rule can write', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: app}
rules:
  - apiGroups: [apps]
    resources: [deployments, statefulsets, services]
    verbs: [create, delete]
`,
    );
    expect(scan.findings.map((f) => f.message.split(':')[0])).toEqual([
      'Role "app/deployer" grants create on deployments.apps',
      'Role "app/deployer" grants create on statefulsets.apps',
    ]);
  });
});
