/**
 * A binding that refers to a role or a ServiceAccount that does not exist grants nothing today,
 * and grants it to whoever creates that name later: a namespace editor who makes a ServiceAccount
 * of the missing name, or an admin who makes a role of it, inherits a grant nobody reviewed.
 *
 * What counts as missing, from the input alone:
 * - a role is missing when the input does not define it, except the ClusterRoles the API server
 *   recreates at every start (cluster-admin, admin, edit and view: never missing) and its
 *   `system:` roles when the input carries no copy of that default policy: manifests rarely
 *   include them;
 * - a ServiceAccount is missing only when the input declares ServiceAccounts in its namespace (so
 *   it is a view of that namespace's accounts) and not this one; `default` always exists, made by
 *   the ServiceAccount controller. Users and groups live outside the cluster and are never missing.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext, Violation } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { DEFAULT_NAMESPACE } from '../../lib/k8s/kinds.js';
import type { ResourceIndex } from '../../core/resource-index.js';
import { isBootstrapObject } from '../../graph/rbac/defaults.js';
import { isBuiltInStandIn } from '../../graph/rbac/risks/built-in.js';
import { describeBindingSubject, quoted, rbacIndexOf, riskAssessmentOf } from '../../graph/rbac/risks/outcomes.js';

/** The user-facing ClusterRoles of the bootstrap policy; every other default is named `system:...`. */
const DEFAULT_CLUSTER_ROLES: ReadonlySet<string> = new Set(['cluster-admin', 'admin', 'edit', 'view']);

interface Accounts {
  /** `ns/name` of every ServiceAccount object. */
  readonly names: ReadonlySet<string>;
  readonly namespaces: ReadonlySet<string>;
  /** Whether the input carries the default policy itself (a cluster dump). */
  readonly hasDefaults: boolean;
}

const ACCOUNTS = new WeakMap<ResourceIndex, Accounts>();

function accountsOf(index: ResourceIndex): Accounts {
  let accounts = ACCOUNTS.get(index);
  if (accounts === undefined) {
    const names = new Set<string>();
    const namespaces = new Set<string>();
    for (const sa of index.byKind('ServiceAccount')) {
      if (sa.apiVersion !== 'v1') continue;
      const ns = sa.namespace ?? DEFAULT_NAMESPACE;
      names.add(`${ns}/${sa.name}`);
      namespaces.add(ns);
    }
    let hasDefaults = false;
    for (const role of rbacIndexOf(index).roles.values()) {
      // The index holds built-in stand-ins of the roles bindings refer to: those are not the input's.
      if (isBootstrapObject(role.resource) && !isBuiltInStandIn(role.resource)) {
        hasDefaults = true;
        break;
      }
    }
    accounts = { names, namespaces, hasDefaults };
    ACCOUNTS.set(index, accounts);
  }
  return accounts;
}

export const rule = defineRule({
  id: 'rbac-dangling-binding',
  title: 'Binding to a missing role or ServiceAccount',
  severity: 'medium',
  threats: ['identity-access'],
  mitre: ['T1078', 'T1098'],
  remediation: 'Delete the binding, or point it at a role and ServiceAccounts that exist.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#periodic-review',
  ],
  target: { kinds: ['ClusterRoleBinding', 'RoleBinding'] },
  *check(resource: Resource, { index }: RuleContext<undefined>): Generator<Violation> {
    const binding = riskAssessmentOf(index).bindingOf(resource);
    if (binding === undefined || isBootstrapObject(binding.resource)) return;
    const accounts = accountsOf(index);
    const { roleRef } = binding;
    const platformRole = roleRef.kind === 'ClusterRole' && (DEFAULT_CLUSTER_ROLES.has(roleRef.name) || roleRef.name.startsWith('system:'));
    // cluster-admin, admin, edit and view are in the scan's RBAC index whatever the input holds:
    // the API server recreates them at every start (risks/built-in.ts).
    if (rbacIndexOf(index).role(binding.roleKey) === undefined && (accounts.hasDefaults || !platformRole)) {
      const where = roleRef.kind === 'Role' ? ` in namespace "${binding.namespace ?? ''}"` : '';
      yield fail(`${quoted(binding)} refers to ${quoted(roleRef)}${where}, which the input does not define: whoever creates it decides what the binding's subjects get`, '/roleRef/name');
    }
    for (const subject of binding.subjects) {
      if (subject.kind !== 'ServiceAccount' || subject.name === 'default' || !accounts.namespaces.has(subject.namespace)) continue;
      if (accounts.names.has(`${subject.namespace}/${subject.name}`)) continue;
      yield fail(
        `${quoted(binding)} names ${describeBindingSubject(subject)}, which the input does not declare although it declares other ServiceAccounts of namespace "${subject.namespace}": whoever creates it gets the binding's permissions`,
        subject.path,
      );
    }
  },
});
