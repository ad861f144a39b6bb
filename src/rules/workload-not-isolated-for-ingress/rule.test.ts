import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: registry.example.com/web:1.0}]}
`;

describe('workload-not-isolated-for-ingress', () => {
  it('reports at the pod template', async () => {
    const scan = await scanYaml(rule, WEB);
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['Deployment "web": no NetworkPolicy selects its pods for ingress, so they accept connections from every pod of every namespace and, through Services, nodes and load balancers, from outside the cluster', '/spec/template/metadata'],
    ]);
  });

  it('counts a policy of another namespace for nothing, and one that excludes Ingress from policyTypes neither', async () => {
    const other = `${WEB}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: other}
spec: {podSelector: {}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-only, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress], ingress: [{}]}
`;
    expect((await scanYaml(rule, other)).findings).toHaveLength(1);
  });

  it('treats an AdminNetworkPolicy with ingress rules as governing the pod', async () => {
    const admin = `${WEB}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: guard}
spec:
  priority: 10
  subject: {namespaces: {}}
  ingress: [{name: deny-all, action: Deny, from: [{namespaces: {}}]}]
`;
    expect((await scanYaml(rule, admin)).findings).toEqual([]);
  });

  it('warns about host-network pods, and judges without a policy the API server would refuse', async () => {
    const host = WEB.replace('spec: {containers', 'spec: {hostNetwork: true, containers');
    const scan = await scanYaml(rule, host);
    expect(scan.findings.map((f) => [f.status, f.location.path])).toEqual([['warn', '/spec/template/spec/hostNetwork']]);
    const invalid = `${WEB}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bad, namespace: shop}
spec: {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: nope}}]}]}
`;
    // The refused policy is left out (the cluster would not have it): the workload is not isolated.
    const judged = (await scanYaml(rule, invalid)).findings.map((f) => [f.status, f.message]);
    expect(judged).toEqual((await scanYaml(rule, WEB)).findings.map((f) => [f.status, f.message]));
    expect(judged).not.toEqual([]);
  });
});
