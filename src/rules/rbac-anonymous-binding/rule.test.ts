import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-anonymous-binding', () => {
  it('says who gets the role and what it grants, and ranks authenticated-only bindings high', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: app}
rules: [{apiGroups: [""], resources: [secrets], verbs: [list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: open, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
  - {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:authenticated"}
  - {kind: User, apiGroup: rbac.authorization.k8s.io, name: "system:anonymous"}
  - {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:anonymous"}
`,
    );
    expect(scan.findings.map((f) => [f.message, f.location.path, f.severity])).toEqual([
      [
        'RoleBinding "app/open" gives Role "reader" to Group system:authenticated, that is to every authenticated identity, including any ServiceAccount token of any namespace; through it they get list on secrets',
        '/subjects/0',
        'high',
      ],
      ['RoleBinding "app/open" gives Role "reader" to User system:anonymous, that is to every unauthenticated request; through it they get list on secrets', '/subjects/1', 'critical'],
    ]);
  });

  it('ranks everybody holding cluster-admin critical, and leaves the default discovery bindings alone', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: everyone-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:authenticated"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: discovery}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:discovery"}
subjects: [{kind: Group, name: "system:authenticated"}]
`,
    );
    expect(scan.findings.map((f) => [f.resource.name, f.severity])).toEqual([['everyone-admin', 'critical']]);
  });

  it('reports system:discovery or system:basic-user bound to unauthenticated requests, which the defaults stopped doing in 1.14', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: open-discovery}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:discovery"}
subjects: [{kind: Group, name: "system:unauthenticated"}, {kind: Group, name: "system:authenticated"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: public-info}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:public-info-viewer"}
subjects: [{kind: Group, name: "system:unauthenticated"}, {kind: User, name: "system:anonymous"}]
`,
    );
    expect(scan.findings.map((f) => [f.resource.name, f.location.path])).toEqual([['open-discovery', '/subjects/0']]);
  });
});
