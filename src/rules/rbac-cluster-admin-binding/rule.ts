import type { Resource } from '../../model/resource.js';
import type { ResourceIndex } from '../../core/resource-index.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { ALL, BINDING_KINDS, describeSubject, isSystemSubject, policyRulesOf, roleRefOf, subjectsOf } from '../_shared/rbac.js';
import type { RoleRef } from '../_shared/rbac.js';
import { bindingLabel } from '../_shared/bindings.js';

/** The verbs that, on every resource of every group, amount to administering the cluster. */
const ADMIN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** Per scan: roles by `kind/namespace/name`, so resolving a binding is one lookup. */
const ROLES_BY_KEY = new WeakMap<ResourceIndex, ReadonlyMap<string, Resource>>();

function roleKey(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${kind === 'ClusterRole' ? '' : namespace}\u0000${name}`;
}

/** The role a binding refers to, when it is part of the input (the first one of that name). */
function referencedRole(binding: Resource, ref: RoleRef, index: ResourceIndex): Resource | undefined {
  let roles = ROLES_BY_KEY.get(index);
  if (roles === undefined) {
    const built = new Map<string, Resource>();
    for (const kind of ['ClusterRole', 'Role']) {
      for (const role of index.byKind(kind)) {
        const key = roleKey(kind, role.namespace ?? 'default', role.name);
        if (!built.has(key)) built.set(key, role);
      }
    }
    roles = built;
    ROLES_BY_KEY.set(index, built);
  }
  return roles.get(roleKey(ref.kind, binding.namespace ?? 'default', ref.name));
}

/** A role with a rule granting every (administrative) verb on every resource of every API group. */
function grantsEverything(role: Resource): boolean {
  return policyRulesOf(role).some(
    (rule) =>
      rule.resourceNames.length === 0 &&
      rule.apiGroups.includes(ALL) &&
      rule.resources.includes(ALL) &&
      (rule.verbs.includes(ALL) || ADMIN_VERBS.every((verb) => rule.verbs.includes(verb))),
  );
}

/** How the message names the role when it is cluster-admin or equivalent to it, else undefined. */
function adminRole(binding: Resource, index: ResourceIndex): string | undefined {
  const ref = roleRefOf(binding);
  if (ref === undefined) return undefined;
  if (ref.kind === 'ClusterRole' && ref.name === 'cluster-admin') return 'cluster-admin';
  const role = referencedRole(binding, ref, index);
  return role !== undefined && grantsEverything(role) ? `${ref.kind} "${ref.name}", which grants every verb on every resource like cluster-admin,` : undefined;
}

export const rule = defineRule({
  id: 'rbac-cluster-admin-binding',
  title: 'Subject bound to cluster-admin',
  severity: 'critical',
  threats: ['identity-access', 'api-server-kubelet', 'lateral-movement'],
  mitre: ['T1078', 'T1098'],
  remediation: 'Bind the subject to a role that grants only the permissions it needs instead of cluster-admin.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
  ],
  target: { kinds: BINDING_KINDS },
  *check(binding: Resource, { index }: RuleContext<undefined>) {
    const role = adminRole(binding, index);
    if (role === undefined) return;
    // A RoleBinding to cluster-admin is full control of one namespace (its secrets, its pods, its RBAC).
    const scope = binding.kind === 'ClusterRoleBinding' ? 'full control of the whole cluster' : `full control of namespace "${binding.namespace ?? 'default'}"`;
    for (const subject of subjectsOf(binding)) {
      if (isSystemSubject(subject)) continue;
      yield fail(`${bindingLabel(binding)} gives ${describeSubject(subject)} ${role}: ${scope}`, subject.path, binding.kind === 'ClusterRoleBinding' ? 'critical' : 'high');
    }
  },
});
