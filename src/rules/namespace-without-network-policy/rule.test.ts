import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const TWO_PODS_NO_NAMESPACE = `apiVersion: v1
kind: Pod
metadata: {name: first}
spec: {containers: [{name: a, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: second}
spec: {containers: [{name: a, image: nginx}]}
`;

describe('namespace-without-network-policy', () => {
  it('reports a namespace without a Namespace object once, on its first workload', async () => {
    const scan = await scanYaml(rule, TWO_PODS_NO_NAMESPACE);
    expect(scan.findings.map((f) => [f.resource.name, f.location.path, f.message])).toEqual([
      [
        'first',
        '/metadata',
        'namespace "default" (of this Pod; the input has no Namespace object for it) runs workloads but has no NetworkPolicy: every pod in it accepts connections from, and connects to, anything in the cluster',
      ],
    ]);
  });

  it('honours ignoreNamespaces', async () => {
    const scan = await scanYaml(rule, TWO_PODS_NO_NAMESPACE, { ignoreNamespaces: ['default'] });
    expect(scan.findings).toEqual([]);
  });

  it('reports on the Namespace object when the input has one', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec: {containers: [{name: a, image: nginx}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
`);
    expect(scan.findings.map((f) => [f.resource.kind, f.location.path, f.location.line])).toEqual([['Namespace', '/metadata/name', 8]]);
  });
});
