import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-token-create', () => {
  it('matches the token subresource through a "*/token" entry', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: minter, namespace: ci}
rules:
  - {apiGroups: [""], resources: ["*/token"], verbs: [create]}
`,
    );
    expect(scan.findings.map((f) => f.message)).toEqual([
      'Role "ci/minter" grants create on serviceaccounts/token: its holders issue tokens for any service account in scope and gain all of their permissions',
    ]);
  });
});
