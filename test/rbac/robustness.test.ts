/** Hostile and malformed RBAC input gives located problems, never an exception; pods show their blast radius. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { escalationGraphText, escalationPaths, permissions, rbacPods, whoCan } from '../../src/sdk/rbac.js';
import { modelOf, modelOfPaths } from './support.js';

describe('malformed RBAC objects', () => {
  it('reports each bad field with a line and keeps the rest', async () => {
    const model = await modelOf(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: weird}
rules: "not a list"
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: mixed}
rules:
- 42
- {apiGroups: [""], resources: ["pods"], verbs: "get"}
- {apiGroups: [""], resources: ["pods"], verbs: ["get"]}
aggregationRule: {clusterRoleSelectors: "nope"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {kind: ClusterRole, name: mixed}
subjects:
- "alice"
- {kind: Robot, name: r2}
- {kind: ServiceAccount, name: nsless}
- {kind: User, name: alice}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: noref, namespace: x}
roleRef: {kind: Secret, name: s}
subjects: [{kind: User, name: bob}]
`);
    const codes = model.problems.map((p) => p.code);
    expect(codes.filter((c) => c === 'rbac-invalid-rule')).toHaveLength(2);
    expect(codes.filter((c) => c === 'rbac-invalid-subject')).toHaveLength(3);
    expect(codes).toContain('rbac-invalid-binding');
    expect(model.problems.every((p) => p.file === '-' && typeof p.line === 'number')).toBe(true);
    // aggregationRule with unreadable selectors aggregates nothing: `mixed` keeps its valid rule.
    expect(whoCan(model, { verb: 'get', resource: 'pods', namespace: 'a' }).subjects.map((s) => s.subject)).toEqual(['user:alice']);
    expect(() => escalationGraphText(model, 'json')).not.toThrow();
  });

  it('copes with many subjects and quotes hostile names in DOT', async () => {
    const subjects = Array.from({ length: 2000 }, (_, i) => `- {kind: User, name: "u${i}\\"; evil -> x [label=1]"}`).join('\n');
    const model = await modelOf(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {kind: ClusterRole, name: r}
subjects:
${subjects}
`);
    expect(whoCan(model, { verb: 'delete', resource: 'nodes' }).subjects).toHaveLength(2000);
    const dot = escalationGraphText(model, 'dot');
    expect(dot).toContain('"user:u0\\"; evil -> x [label=1]"');
    expect(escalationPaths(model, { to: ['cluster-admin'] })).toHaveLength(2000);
    expect(permissions(model, 'user:u1').scopes).toEqual([]);
  });
});

describe('pods', () => {
  it('gives each pod its ServiceAccount, token mount, permissions and reach', async () => {
    const model = await modelOfPaths([fileURLToPath(new URL('./scenarios/node-proxy/input.yaml', import.meta.url))]);
    const pods = rbacPods(model);
    expect(pods.map((p) => [p.name, p.serviceAccount, p.automountToken])).toEqual([
      ['vault-sync', 'vault-sync', true],
      ['quiet', 'quiet', false],
    ]);
    expect(pods[0]?.capabilities).toEqual(['read-secrets']);
    expect(pods[0]?.paths.map((p) => p.target)).toEqual(['secrets']);
    expect(pods[0]?.permissions[0]?.rules[0]?.sources[0]?.binding).toBe('ClusterRoleBinding vault-sync');
  });
});
