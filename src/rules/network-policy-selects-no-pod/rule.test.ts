import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec: {podSelector: {matchLabels: {app: web}}}
`;

describe('network-policy-selects-no-pod', () => {
  it('reports at the podSelector, and only pods of the policy namespace count', async () => {
    const scan = await scanYaml(rule, `${POLICY}---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: other, labels: {app: web}}
spec: {containers: [{name: web, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: api, image: nginx}]}
`);
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['NetworkPolicy "web" selects no pod: its podSelector matches none of the workloads of namespace "shop", so it protects nothing', '/spec/podSelector'],
    ]);
  });

  it('skips a policy whose namespace has no workload in the input', async () => {
    const scan = await scanYaml(rule, POLICY);
    expect(scan.findings).toEqual([]);
    expect(scan.summary.counts.skip).toBe(1);
  });
});
