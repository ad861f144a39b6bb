/** Fixes applied as a user would apply them: strategic merge of pod specs, new objects, deletions, upgrades. */
import { describe, expect, it } from 'vitest';
import type { ImageVulnerabilities } from '../../src/model/attack.js';
import type { JsonObject, Resource } from '../../src/model/resource.js';
import { analyzeAttackPaths, applyFixes, strategicMerge } from '../../src/graph/attack/index.js';
import { resourcesOf } from './resources.js';

describe('strategic merge', () => {
  it('merges containers by name, ports by containerPort, and deletes null keys', () => {
    const pod: JsonObject = {
      spec: {
        hostPID: true,
        containers: [
          { name: 'a', image: 'a:1', ports: [{ containerPort: 80, hostPort: 80 }, { containerPort: 81 }], securityContext: { privileged: true, runAsUser: 1000 } },
          { name: 'b', image: 'b:1' },
        ],
        volumes: [{ name: 'sock', hostPath: { path: '/run/docker.sock' } }, { name: 'data', emptyDir: {} }],
      },
    };
    const patch: JsonObject = {
      spec: {
        hostPID: false,
        containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: null }], securityContext: { privileged: false } }],
        volumes: [{ name: 'sock', hostPath: null, emptyDir: {} }],
      },
    };
    expect(strategicMerge(pod, patch)).toEqual({
      spec: {
        hostPID: false,
        containers: [
          { name: 'a', image: 'a:1', ports: [{ containerPort: 80 }, { containerPort: 81 }], securityContext: { privileged: false, runAsUser: 1000 } },
          { name: 'b', image: 'b:1' },
        ],
        volumes: [{ name: 'sock', emptyDir: {} }, { name: 'data', emptyDir: {} }],
      },
    });
  });
});

describe('applyFixes', () => {
  const source = { file: 'x.yaml', documentIndex: 0, pointerPrefix: '', position: { line: 1, column: 1 }, positions: { get: () => undefined, nearest: () => undefined } };
  const binding: Resource = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', namespace: 'ci', name: 'b', object: { kind: 'RoleBinding' }, source };

  const deployment: Resource = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ci', name: 'w', object: { kind: 'Deployment', spec: { template: { spec: { containers: [] } } } }, source };

  it('deletes, creates, patches and upgrades without touching the input', () => {
    const input = [binding, deployment];
    const fixed = applyFixes(input, [{ image: 'i:1', vulnerabilities: [{ id: 'CVE-1', package: 'p', fixedVersion: '2' }, { id: 'CVE-2', package: 'q' }] }], [
      { id: 'remove-binding:RoleBinding/ci/b', kind: 'remove-binding', description: '', cost: 2, resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', namespace: 'ci', name: 'b' }, patchType: 'delete', patch: 'kind: RoleBinding\n', cuts: [] },
      { id: 'network-policy:ci/Deployment/w', kind: 'network-policy', description: '', cost: 3, patchType: 'create', patch: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: ci}\nspec: {podSelector: {}}\n', cuts: [] },
      { id: 'upgrade-package:i:1', kind: 'upgrade-package', description: '', cost: 2 },
      // A candidate straight from the graph carries its patch as an object.
      { id: 'disable-automount:ci/Deployment/w', kind: 'disable-automount', description: '', cost: 1, resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ci', name: 'w' }, patchType: 'merge', patch: { spec: { template: { spec: { automountServiceAccountToken: false } } } } },
    ]);
    expect(input).toEqual([binding, deployment]);
    expect(fixed.resources.map((r) => `${r.kind}/${r.namespace ?? ''}/${r.name}`)).toEqual(['Deployment/ci/w', 'NetworkPolicy/ci/deny']);
    expect(fixed.resources[0]?.object).toEqual({ kind: 'Deployment', spec: { template: { spec: { containers: [], automountServiceAccountToken: false } } } });
    expect(fixed.vulnerabilities[0]?.vulnerabilities.map((v) => v.id)).toEqual(['CVE-2']);
  });
});

describe('restrict-exposure of a Service', () => {
  it('gives a ClusterIP Service the API server accepts: no nodePort, externalTrafficPolicy or load balancer field left', () => {
    const resources = resourcesOf(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      automountServiceAccountToken: false
      containers: [{name: web, image: "web:1", ports: [{containerPort: 8080}], securityContext: {privileged: true}}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  loadBalancerSourceRanges: [0.0.0.0/0]
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: 8080, nodePort: 30080}
    - {name: admin, port: 81, targetPort: 8081}
`);
    const vulnerabilities: ImageVulnerabilities[] = [{ image: 'web:1', vulnerabilities: [{ id: 'CVE-1', package: 'p', severity: 'critical', rce: true }] }];
    const result = analyzeAttackPaths({ resources, vulnerabilities }, { from: ['internet'], to: ['nodes'] });
    const fix = result.fixes.find((f) => f.kind === 'restrict-exposure');
    expect(fix?.id).toBe('restrict-exposure:Service/shop/web');
    const service = applyFixes(resources, vulnerabilities, fix === undefined ? [] : [fix]).resources.find((r) => r.kind === 'Service');
    expect(service?.object.spec).toEqual({
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'admin', port: 81, targetPort: 8081 }],
    });
  });
});
