import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const WEB = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: web, image: registry.example.com/web:1.0}]}
`;

describe('workload-not-isolated-for-egress', () => {
  it('reports a pod that only an ingress policy selects', async () => {
    const scan = await scanYaml(rule, `${WEB}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: in, namespace: shop}
spec: {podSelector: {}, ingress: [{}]}
`);
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['Pod "web": no NetworkPolicy selects its pods for egress, so they may connect to every pod of the cluster and to any address outside it', '/metadata'],
    ]);
  });

  it('accepts an explicit Egress policy type without rules (deny all egress)', async () => {
    const scan = await scanYaml(rule, `${WEB}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: shop}
spec: {podSelector: {matchExpressions: [{key: app, operator: In, values: [web, api]}]}, policyTypes: [Egress]}
`);
    expect(scan.findings).toEqual([]);
  });

  it('reports a pod whose only egress policy is a Cilium policy with default deny turned off', async () => {
    const scan = await scanYaml(rule, `${WEB}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: allow-api, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  enableDefaultDeny: {egress: false}
  egress: [{toEndpoints: [{matchLabels: {app: api}}]}]
`);
    expect(scan.findings.map((f) => f.message)).toEqual([
      'Pod "web": no NetworkPolicy selects its pods for egress, so they may connect to every pod of the cluster and to any address outside it',
    ]);
  });
});

