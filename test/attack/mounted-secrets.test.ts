/**
 * Mounted secrets: which references put a Secret into a container, the steps they give (with
 * evidence), and how they count as jewels without drowning assume-breach in one-step paths.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workloadOf } from '../../src/lib/k8s/workload.js';
import { analyzeAttackPaths } from '../../src/graph/attack/index.js';
import { secretMounts } from '../../src/graph/attack/mounts.js';
import type { ImageVulnerabilities } from '../../src/model/attack.js';
import type { JsonObject } from '../../src/model/resource.js';
import { resourcesOf } from './resources.js';

const SCENARIO = resolve(import.meta.dirname, 'scenarios/mounted-db-secret');
const CLUSTER = resourcesOf(readFileSync(`${SCENARIO}/cluster.yaml`, 'utf8'));
const VULNS = JSON.parse(readFileSync(`${SCENARIO}/vulnerabilities.json`, 'utf8')) as ImageVulnerabilities[];

function steps(result: ReturnType<typeof analyzeAttackPaths>): string[][] {
  return result.paths.map((p) => p.steps.map((s) => `${s.from} -${s.kind}-> ${s.to}`));
}

describe('secret references of a pod template', () => {
  it('finds mounted secret and projected volumes, secretKeyRef and envFrom, in init containers too, and skips unmounted volumes', () => {
    const pod: JsonObject = {
      spec: {
        initContainers: [{ name: 'init', envFrom: [{ secretRef: { name: 'bootstrap' }, prefix: 'BOOT_' }] }],
        containers: [
          { name: 'app', env: [{ name: 'A', value: 'x' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 't' } } }], volumeMounts: [{ name: 'certs', mountPath: '/c' }, { name: 'all', mountPath: '/a' }] },
        ],
        volumes: [
          { name: 'certs', secret: { secretName: 'tls' } },
          { name: 'all', projected: { sources: [{ configMap: { name: 'ca' } }, { secret: { name: 'api' } }] } },
          { name: 'unused', secret: { secretName: 'never-seen' } },
        ],
      },
    };
    const template = workloadOf('Pod', pod);
    if (template === undefined) throw new Error('no pod template');
    const mounts = secretMounts(template);
    expect([...mounts.keys()].sort()).toEqual(['api', 'bootstrap', 'tls']);
    expect(mounts.get('api')).toEqual([
      { secret: 'api', via: 'env', name: 'TOKEN', container: 'app', path: '/spec/containers/0/env/1/valueFrom/secretKeyRef/name' },
      { secret: 'api', via: 'projected', name: 'all', container: 'app', path: '/spec/volumes/1/projected/sources/1/secret/name' },
    ]);
    expect(mounts.get('bootstrap')).toEqual([{ secret: 'bootstrap', via: 'envFrom', name: 'BOOT_', container: 'init', path: '/spec/initContainers/0/envFrom/0/secretRef/name' }]);
  });

  it('survives hostile shapes (lists that are not lists, null entries)', () => {
    const template = workloadOf('Pod', { spec: { containers: [{ name: 'a', env: [null, 3], envFrom: 'x', volumeMounts: [null] }], volumes: 'nope' } });
    if (template === undefined) throw new Error('no pod template');
    expect(secretMounts(template).size).toBe(0);
  });
});

describe('mounted secrets in the attack graph', () => {
  it('gives one secret-read step per Secret with the mounts as evidence', () => {
    const result = analyzeAttackPaths({ resources: CLUSTER, vulnerabilities: VULNS }, { from: ['internet'], to: ['secrets'] });
    const step = result.paths.find((p) => p.jewel === 'secret:shop/db-credentials')?.steps.at(-1);
    expect(step?.kind).toBe('secret-read');
    expect(step?.fixIds).toEqual([]);
    expect(step?.evidence.mount).toEqual([
      { secret: 'db-credentials', via: 'env', name: 'DB_PASSWORD', container: 'app', path: '/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef/name' },
      { secret: 'db-credentials', via: 'volume', name: 'db', container: 'app', path: '/spec/template/spec/volumes/0/secret/secretName' },
    ]);
    expect(result.nodes.find((n) => n.id === 'secret:shop/db-credentials')).toMatchObject({ kind: 'secret', namespace: 'shop', jewel: true });
    expect(result.paths.some((p) => p.jewel === 'secret:shop/web-tls')).toBe(false);
  });

  it('does not list a breached workload reading its own Secrets, and the internet paths to them are uncuttable then', () => {
    const result = analyzeAttackPaths({ resources: CLUSTER, vulnerabilities: VULNS }, { to: ['secrets'] });
    // db holds db-credentials itself; the Secret it does not hold is web's API key, through web's CVE.
    expect(result.paths.filter((p) => p.entry !== 'internet').map((p) => [p.entry, p.jewel])).toEqual([['workload:shop/StatefulSet/db', 'secret:shop/payment-api-key']]);
    expect(result.paths.filter((p) => p.entry === 'internet')).toHaveLength(2);
    // web is an entry too and holds both Secrets: no fix keeps them from an attacker there.
    expect([...result.cut.uncuttable].sort()).toEqual(result.paths.map((p) => p.id).sort());
  });

  it('still lists the RBAC path of a workload that also mounts a Secret', () => {
    const cluster = resourcesOf(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: app}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      serviceAccountName: api
      containers: [{name: api, image: api:1, env: [{name: KEY, valueFrom: {secretKeyRef: {name: api-key, key: k}}}]}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: api, namespace: app}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: app}
rules: [{apiGroups: [""], resources: [secrets], verbs: [list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: api-reader, namespace: app}
subjects: [{kind: ServiceAccount, name: api, namespace: app}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
`);
    const result = analyzeAttackPaths({ resources: cluster }, { from: ['namespace/app'], to: ['secrets'] });
    expect(steps(result)).toEqual([['workload:app/Deployment/api -token-theft-> system:serviceaccount:app:api', 'system:serviceaccount:app:api -secret-read-> secrets:app']]);
    expect(result.cut.fixIds).toEqual(['disable-automount:app/Deployment/api']);
    expect(result.cut.uncuttable).toEqual([]);
  });

  it('counts mounted Secrets under namespace/NS and under configured Secret selectors by name', () => {
    const byNamespace = analyzeAttackPaths({ resources: CLUSTER, vulnerabilities: VULNS }, { from: ['internet'], to: ['namespace/shop'] });
    expect(byNamespace.jewels).toEqual(expect.arrayContaining(['secret:shop/db-credentials', 'secret:shop/payment-api-key']));
    const named = analyzeAttackPaths({ resources: CLUSTER, vulnerabilities: VULNS }, { from: ['internet'], to: ['configured'], jewelSelectors: [{ kind: 'Secret', namespace: 'shop', name: 'db-*' }] });
    expect(named.jewels).toEqual(['secret:shop/db-credentials']);
    expect(named.paths.map((p) => p.jewel)).toEqual(['secret:shop/db-credentials']);
  });
});

describe('a mounted ServiceAccount token Secret', () => {
  it('gives that ServiceAccount (and what RBAC grants it) to the pods that mount it', () => {
    const cluster = resourcesOf(`
apiVersion: v1
kind: Secret
metadata: {name: deployer-token, namespace: ci, annotations: {kubernetes.io/service-account.name: deployer}}
type: kubernetes.io/service-account-token
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: deployer, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer-admin}
subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: runner, namespace: ci}
spec:
  selector: {matchLabels: {app: runner}}
  template:
    metadata: {labels: {app: runner}}
    spec:
      automountServiceAccountToken: false
      containers: [{name: r, image: runner:1, volumeMounts: [{name: kube, mountPath: /kube}]}]
      volumes: [{name: kube, secret: {secretName: deployer-token}}]
`);
    const result = analyzeAttackPaths({ resources: cluster }, { from: ['namespace/ci'], to: ['cluster-admin'] });
    expect(steps(result)).toEqual([['workload:ci/Deployment/runner -token-theft-> system:serviceaccount:ci:deployer', 'system:serviceaccount:ci:deployer -rbac-> cluster-admin']]);
    expect(result.paths[0]?.steps[0]?.evidence).toMatchObject({ serviceAccount: 'ci/deployer', mount: [{ secret: 'deployer-token', via: 'volume', name: 'kube' }] });
    // The token step has no fix; the cut removes the binding (the built-in cluster-admin cannot be edited).
    expect(result.cut.fixIds).toEqual(['remove-binding:ClusterRoleBinding/deployer-admin']);
  });
});
