import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('kubernetes-dashboard-exposed', () => {
  it('reports skip-login, a cluster-admin ServiceAccount and a NodePort Service', async () => {
    const scan = await scanFixtures(rule, ['fail/dashboard.yaml']);
    expect(findingsFor(scan, 'fail-dashboard-open', 'Deployment').map((f) => [f.message, f.severity])).toEqual([
      ['container "kubernetes-dashboard" runs the Dashboard with --enable-skip-login: anyone who reaches it acts as its ServiceAccount without a token', 'high'],
      ['the Dashboard runs as ServiceAccount kubernetes-dashboard/kubernetes-dashboard, which ClusterRoleBinding "dashboard-admin" makes cluster-admin', 'critical'],
      ['the Dashboard is exposed outside the cluster by NodePort Service "dashboard"', 'high'],
    ]);
  });

  it('reports a Dashboard published by an Ingress through a ClusterIP Service', async () => {
    const scan = await scanFixtures(rule, ['fail/ingress.yaml']);
    expect(findingsFor(scan, 'fail-dashboard-behind-ingress', 'Deployment').map((f) => [f.message, f.location.path])).toEqual([
      ['the Dashboard is exposed outside the cluster by Ingress "dashboard" (through Service "kubernetes-dashboard")', '/spec/template/metadata/labels'],
    ]);
  });

  it('reads the default backend and the extensions/v1beta1 serviceName form', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: v1
kind: Pod
metadata: {name: dashboard, namespace: ui, labels: {app: dash}}
spec:
  containers: [{name: ui, image: kubernetesui/dashboard:v2.0.0}]
---
apiVersion: v1
kind: Service
metadata: {name: dash, namespace: ui}
spec: {selector: {app: dash}, ports: [{port: 443}]}
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: old, namespace: ui}
spec: {backend: {serviceName: dash, servicePort: 443}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: new, namespace: ui}
spec: {defaultBackend: {service: {name: dash, port: {number: 443}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: elsewhere, namespace: other}
spec: {defaultBackend: {service: {name: dash, port: {number: 443}}}}
`,
    );
    expect(scan.findings.map((f) => f.message)).toEqual([
      'the Dashboard is exposed outside the cluster by Ingress "old" (through Service "dash")',
      'the Dashboard is exposed outside the cluster by Ingress "new" (through Service "dash")',
    ]);
  });
});
