/**
 * Escalation edges as the API server authorizes the requests behind them.
 * Impersonation: each header on its own; Impersonate-Group needs an Impersonate-User the holder may
 * also send, and a user name of the form system:serviceaccount:NS:NAME is checked as
 * `impersonate serviceaccounts`, not `users`. CSRs: a create names no object, so resourceNames never grant it.
 */
import { describe, expect, it } from 'vitest';
import { escalationPaths } from '../../src/sdk/rbac.js';
import { binding, modelOf, role } from './support.js';

const alice = '- {kind: User, name: alice}';
const backupReadsSecrets =
  role('ClusterRole', 'secret-reader', '- {apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"]}') +
  binding('ClusterRoleBinding', 'backup-reads', 'ClusterRole', 'secret-reader', '- {kind: ServiceAccount, name: backup, namespace: kube-system}') +
  '---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: backup, namespace: kube-system}\n';

async function pathsOfAlice(rules: string): Promise<string[][]> {
  const model = await modelOf(role('ClusterRole', 'impersonator', rules) + binding('ClusterRoleBinding', 'alice-impersonates', 'ClusterRole', 'impersonator', alice) + backupReadsSecrets);
  return escalationPaths(model, { from: 'user:alice' }).map((p) => p.steps.map((s) => `${s.kind}: ${s.from} -> ${s.to}`));
}

describe('impersonation paths', () => {
  it('gives no path to impersonate groups alone: the API server refuses Impersonate-Group without Impersonate-User', async () => {
    expect(await pathsOfAlice('- {apiGroups: [""], resources: ["groups"], verbs: ["impersonate"]}')).toEqual([]);
  });

  it('reaches cluster-admin through system:masters when the holder may also impersonate a user or a ServiceAccount', async () => {
    const admin = (paths: string[][]): string[][] => paths.filter((p) => p.at(-1)?.endsWith('-> cluster-admin') === true);
    expect(admin(await pathsOfAlice('- {apiGroups: [""], resources: ["groups"], verbs: ["impersonate"]}\n- {apiGroups: [""], resources: ["users"], verbs: ["impersonate"], resourceNames: ["alice"]}'))).toEqual([
      ['impersonate: user:alice -> cluster-admin'],
    ]);
    expect(admin(await pathsOfAlice('- {apiGroups: [""], resources: ["groups"], verbs: ["impersonate"], resourceNames: ["system:masters"]}\n- {apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"]}'))).toEqual([
      ['impersonate: user:alice -> cluster-admin'],
    ]);
  });

  it('does not reach ServiceAccounts through impersonate users, which never authorizes a ServiceAccount user name', async () => {
    expect(await pathsOfAlice('- {apiGroups: [""], resources: ["users"], verbs: ["impersonate"]}')).toEqual([]);
    expect(await pathsOfAlice('- {apiGroups: [""], resources: ["users"], verbs: ["impersonate"], resourceNames: ["system:serviceaccount:kube-system:backup"]}')).toEqual([]);
  });

  it('reaches a ServiceAccount through impersonate serviceaccounts', async () => {
    expect(await pathsOfAlice('- {apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"], resourceNames: ["backup"]}')).toEqual([
      ['impersonate: user:alice -> system:serviceaccount:kube-system:backup', 'read-secrets: system:serviceaccount:kube-system:backup -> secrets:*'],
    ]);
  });
});

describe('certificate signing paths', () => {
  const approver = '- {apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests/approval"], verbs: ["update"]}\n- {apiGroups: ["certificates.k8s.io"], resources: ["signers"], resourceNames: ["kubernetes.io/kube-apiserver-client"], verbs: ["approve"]}\n';
  const admins = (subjects: string): string =>
    role('ClusterRole', 'cluster-admin', '- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}') + binding('ClusterRoleBinding', 'admins', 'ClusterRole', 'cluster-admin', subjects);
  async function toAdmin(create: string, subjects: string): Promise<string[][]> {
    const model = await modelOf(role('ClusterRole', 'approver', approver + create) + binding('ClusterRoleBinding', 'alice-approves', 'ClusterRole', 'approver', alice) + admins(subjects));
    return escalationPaths(model, { from: 'user:alice', to: ['cluster-admin'] }).map((p) => p.steps.map((s) => `${s.kind}: ${s.from} -> ${s.to}`));
  }
  const create = '- {apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests"], verbs: ["create", "get"]}';

  it('reaches an admin group by creating and approving a client CSR for it', async () => {
    expect(await toAdmin(create, '- {kind: Group, name: ops-admins}')).toEqual([['csr-approve: user:alice -> groups:*-masters', 'member: groups:*-masters -> group:ops-admins', 'holds: group:ops-admins -> cluster-admin']]);
  });

  it('does not reach system:masters, which the CertificateSubjectRestriction admission plugin refuses in a client CSR', async () => {
    expect(await toAdmin(create, '- {kind: Group, name: "system:masters"}')).toEqual([]);
  });

  it('does not count create on CSRs restricted by resourceNames: a create names no object, so the authorizer never grants it', async () => {
    expect(await toAdmin(create.replace('verbs:', 'resourceNames: ["mine"], verbs:'), '- {kind: Group, name: ops-admins}')).toEqual([]);
  });
});

describe('bind restricted to named roles', () => {
  const binder = (rules: string): string =>
    role('Role', 'binder', `${rules}\n- {apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings"], verbs: ["create"]}`, '', 'ns0') + binding('RoleBinding', 'alice-binds', 'Role', 'binder', alice, 'ns0');
  async function paths(yaml: string): Promise<string[][]> {
    return escalationPaths(await modelOf(yaml), { from: 'user:alice' }).map((p) => p.steps.map((s) => `${s.kind}: ${s.from} -> ${s.to}`));
  }

  it('binds a Role named in resourceNames, in the namespace where it may create RoleBindings', async () => {
    const yaml = binder('- {apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["bind"], resourceNames: ["secret-reader"]}') + role('Role', 'secret-reader', '- {apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"]}', '', 'ns0');
    expect(await paths(yaml)).toEqual([['bind: user:alice -> role:Role/ns0/secret-reader', 'read-secrets: role:Role/ns0/secret-reader -> secrets:ns0']]);
  });

  it('binds a ClusterRole named in resourceNames through a RoleBinding in that namespace', async () => {
    const yaml = binder('- {apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind"], resourceNames: ["secret-reader"]}') + role('ClusterRole', 'secret-reader', '- {apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"]}');
    expect(await paths(yaml)).toEqual([['bind: user:alice -> role:ClusterRole/secret-reader@ns0', 'read-secrets: role:ClusterRole/secret-reader@ns0 -> secrets:ns0']]);
  });

  it('does not bind a role the names leave out', async () => {
    const yaml = binder('- {apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["bind"], resourceNames: ["viewer"]}') + role('Role', 'secret-reader', '- {apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"]}', '', 'ns0');
    expect(await paths(yaml)).toEqual([]);
  });
});
