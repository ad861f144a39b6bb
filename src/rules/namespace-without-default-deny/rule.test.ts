import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const POD = `apiVersion: v1
kind: Pod
metadata: {name: app, namespace: shop}
spec: {containers: [{name: a, image: nginx}]}
`;

describe('namespace-without-default-deny', () => {
  it('names the direction that stays open when policyTypes defaults to Ingress only', async () => {
    const scan = await scanYaml(rule, `${POD}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: []}
`);
    expect(scan.findings.map((f) => f.message)).toEqual([
      'namespace "shop" (of this Pod; the input has no Namespace object for it) has no default-deny NetworkPolicy for Egress: pods that no other policy selects can connect anywhere, which is how data leaves and reverse shells call home',
    ]);
  });

  it('counts an egress-only default deny and a separate ingress one together', async () => {
    const scan = await scanYaml(rule, `${POD}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress, namespace: shop}
spec: {podSelector: {matchLabels: {}}, ingress: [{from: [{podSelector: {matchLabels: {app: lb}}}]}]}
`);
    expect(scan.findings).toEqual([]);
  });

  it('reports both directions when nothing isolates the pods', async () => {
    const scan = await scanYaml(rule, POD);
    expect(scan.findings.map((f) => f.message.split(':')[0])).toEqual([
      'namespace "shop" (of this Pod; the input has no Namespace object for it) has no default-deny NetworkPolicy for Ingress or Egress',
    ]);
  });
});
