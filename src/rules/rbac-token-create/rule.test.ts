import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-token-create', () => {
  it('matches the token subresource through a "*/token" entry, and warns while nothing binds the role', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: minter, namespace: ci}
rules:
  - {apiGroups: [""], resources: ["*/token"], verbs: [create]}
`,
    );
    expect(scan.findings.map((f) => [f.status, f.message])).toEqual([
      [
        'warn',
        'Role "ci/minter" (rule /rules/0 at -:5) grants create on serviceaccounts/token in namespace "ci", and no binding in the input refers to it yet; its holders issue tokens for any ServiceAccount in scope and gain all of its permissions',
      ],
    ]);
  });

  it('does not count a rule restricted to named ServiceAccounts', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: minter, namespace: ci}
rules:
  - {apiGroups: [""], resources: ["serviceaccounts/token"], resourceNames: [deployer], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: minter, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: minter}
subjects: [{kind: ServiceAccount, name: pipeline}]
`,
    );
    expect(scan.findings).toEqual([]);
  });
});
