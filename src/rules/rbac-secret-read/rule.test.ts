import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-secret-read', () => {
  it('reports list as high and get alone as medium, pointing at the rule', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: app}
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get]
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get]
  - apiGroups: [""]
    resources: [secrets]
    verbs: [list, watch]
`,
    );
    expect(scan.findings.map((f) => [f.message, f.location.path, f.severity])).toEqual([
      ['Role "app/reader" grants get on secrets: anyone holding it can read any secret whose name they know', '/rules/1', 'medium'],
      ['Role "app/reader" grants list, watch on secrets: list and watch return the data of every secret in scope', '/rules/2', 'high'],
    ]);
    expect(scan.findings[1]?.location.line).toBe(11);
  });

  it('skips the roles every cluster ships with', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:namespace-controller"}
rules:
  - {apiGroups: ["*"], resources: ["*"], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
rules:
  - {apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin}
rules:
  - {apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}
`,
    );
    // an unlabelled "admin" is the user's own role, not the bootstrap one
    expect(scan.findings.map((f) => f.resource.name)).toEqual(['admin']);
  });
});
