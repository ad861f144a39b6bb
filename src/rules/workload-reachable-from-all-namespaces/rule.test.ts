import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres}]}
`;

describe('workload-reachable-from-all-namespaces', () => {
  it('names the ports any namespace may use, at the pod template', async () => {
    const scan = await scanYaml(rule, `${DEPLOYMENT}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: open, namespace: shop}
spec:
  podSelector: {}
  ingress: [{ports: [{port: 5432}, {port: 53, protocol: UDP}]}]
`);
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['Deployment "db" is isolated for ingress, yet any pod in any namespace (including ones created later) may connect to it on TCP 5432,UDP 53', '/spec/template/metadata'],
    ]);
  });

  it('leaves unisolated workloads to the default-deny rule and skips invalid policies', async () => {
    expect((await scanYaml(rule, DEPLOYMENT)).findings).toEqual([]);
    const invalid = await scanYaml(rule, `${DEPLOYMENT}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bad, namespace: shop}
spec:
  podSelector: {}
  ingress: [{from: [{ipBlock: {cidr: not-a-cidr}}]}]
`);
    expect(invalid.findings).toEqual([]);
  });
});
