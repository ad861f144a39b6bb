import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('network-policy-unresolved-named-port', () => {
  it('points at the port entry and says why it resolves to nothing', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: db, image: postgres, ports: [{name: pg, containerPort: 5432}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: to-db, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: db}}}], ports: [{port: postgres}]}]
`);
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      [
        'egress rule 1 of NetworkPolicy "to-db" allows port "postgres", but none of the 1 destination pod(s) declares a TCP container port named "postgres": the entry allows nothing',
        '/spec/egress/0/ports/0/port',
      ],
    ]);
  });

  it('leaves policies that select no pod and peers that match nothing to other checks', async () => {
    const scan = await scanYaml(rule, `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: nothing, namespace: shop}
spec:
  podSelector: {matchLabels: {app: ghost}}
  ingress: [{ports: [{port: http}]}]
`);
    expect(scan.findings).toEqual([]);
  });

  it('resolves as the engine does: the name must carry the rule\'s protocol, on the workloads netpol analyses', async () => {
    const scan = await scanYaml(rule, `apiVersion: apps/v1
kind: Deployment
metadata: {name: dns, namespace: shop}
spec:
  template:
    metadata: {labels: {app: dns}}
    spec: {containers: [{name: dns, image: coredns, ports: [{name: dns, containerPort: 53, protocol: UDP}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns, namespace: shop}
spec:
  podSelector: {matchLabels: {app: dns}}
  ingress: [{ports: [{port: dns, protocol: UDP}, {port: dns}]}]
`);
    expect(scan.findings.map((f) => f.location.path)).toEqual(['/spec/ingress/0/ports/1/port']);
  });
});
