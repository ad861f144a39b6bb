/**
 * Token theft follows what the kubelet really puts into the pod: the automounted token (pod spec
 * over ServiceAccount) and any projected serviceAccountToken the API server accepts, which
 * `automountServiceAccountToken: false` does not remove.
 */
import { describe, expect, it } from 'vitest';
import { analyzeAttackPaths } from '../../src/graph/attack/index.js';
import { resourcesOf } from './resources.js';

const RBAC = `
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: read-secrets, namespace: shop}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app-reads-secrets, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets}
subjects: [{kind: ServiceAccount, name: app, namespace: shop}]
`;

function pod(automount: boolean, audience?: string): string {
  const source = audience === undefined ? '{serviceAccountToken: {path: token, expirationSeconds: 3600}}' : `{serviceAccountToken: {path: token, audience: "${audience}"}}`;
  return `${RBAC}---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  serviceAccountName: app
  automountServiceAccountToken: ${String(automount)}
  containers:
    - name: web
      image: web:1
      volumeMounts: [{name: kube-api, mountPath: /var/run/secrets/tokens}]
  volumes:
    - name: kube-api
      projected: {sources: [${source}]}
`;
}

const TO_SECRETS = { from: ['pod/shop/web'], to: ['secrets'] };

describe('projected ServiceAccount tokens', () => {
  it('are a token-theft step even with automount off, with no fix of their own', () => {
    const result = analyzeAttackPaths({ resources: resourcesOf(pod(false)) }, TO_SECRETS);
    const path = result.paths.find((p) => p.jewel === 'secrets:shop');
    expect(path?.steps.map((s) => s.kind)).toEqual(['token-theft', 'secret-read']);
    const theft = path?.steps[0];
    expect(theft?.explanation).toContain('/spec/volumes/0/projected/sources/0/serviceAccountToken');
    expect(theft?.fixIds).toEqual([]);
    expect(result.cut.fixIds.some((id) => id.startsWith('disable-automount'))).toBe(false);
    expect(result.cut.fixIds.length).toBeGreaterThan(0);
  });

  it('keep the path when automount is on: turning automount off alone does not cut it', () => {
    const result = analyzeAttackPaths({ resources: resourcesOf(pod(true)) }, TO_SECRETS);
    expect(result.paths.some((p) => p.jewel === 'secrets:shop')).toBe(true);
    expect(result.cut.fixIds).not.toEqual(['disable-automount:shop/Pod/web']);
  });

  it('are no step when the audience is not the API server (a Vault or cloud STS token)', () => {
    const result = analyzeAttackPaths({ resources: resourcesOf(pod(false, 'vault')) }, TO_SECRETS);
    expect(result.paths).toEqual([]);
    const apiAudience = analyzeAttackPaths({ resources: resourcesOf(pod(false, 'https://kubernetes.default.svc.cluster.local')) }, TO_SECRETS);
    expect(apiAudience.paths.some((p) => p.jewel === 'secrets:shop')).toBe(true);
  });

  it('are no step when no container mounts the volume', () => {
    const text = pod(false).replace('      volumeMounts: [{name: kube-api, mountPath: /var/run/secrets/tokens}]\n', '');
    expect(analyzeAttackPaths({ resources: resourcesOf(text) }, TO_SECRETS).paths).toEqual([]);
  });
});
