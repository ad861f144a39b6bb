import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const SCRAPER = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: scraper}
rules:
  - {apiGroups: [""], resources: ["nodes/proxy"], verbs: [get, list, watch]}
  - {apiGroups: [""], resources: ["nodes/proxy"], resourceNames: [node-1], verbs: [create]}
`;

function binding(kind: 'ClusterRoleBinding' | 'RoleBinding'): string {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: scraper${kind === 'RoleBinding' ? ', namespace: monitoring' : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: scraper}
subjects: [{kind: ServiceAccount, name: prometheus, namespace: monitoring}]
`;
}

describe('rbac-nodes-proxy', () => {
  it('reports the verbs a ClusterRoleBinding grants on nodes/proxy, named nodes included', async () => {
    const scan = await scanYaml(rule, SCRAPER + binding('ClusterRoleBinding'));
    expect(scan.findings.map((f) => [f.resource.kind, f.severity, (f.message.split('; ')[0] ?? '').replace(/^.*?holds /, '')])).toEqual([
      ['ClusterRoleBinding', 'critical', 'get on nodes/proxy cluster-wide'],
      ['ClusterRoleBinding', 'critical', 'create on nodes/proxy (only the objects named node-1) cluster-wide'],
    ]);
  });

  it('finds nothing when the ClusterRole is bound in one namespace: nodes are cluster-scoped', async () => {
    const scan = await scanYaml(rule, SCRAPER + binding('RoleBinding'));
    expect(scan.findings).toEqual([]);
  });
});
