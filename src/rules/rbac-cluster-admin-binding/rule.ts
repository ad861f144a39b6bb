import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { BINDING_KINDS, describeSubject, isSystemSubject, roleRefOf, subjectsOf } from '../_shared/rbac.js';
import { bindingLabel } from '../_shared/bindings.js';

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
  *check(binding: Resource) {
    const ref = roleRefOf(binding);
    if (ref?.kind !== 'ClusterRole' || ref.name !== 'cluster-admin') return;
    // A RoleBinding to cluster-admin is full control of one namespace (its secrets, its pods, its RBAC).
    const scope = binding.kind === 'ClusterRoleBinding' ? 'full control of the whole cluster' : `full control of namespace "${binding.namespace ?? 'default'}"`;
    for (const subject of subjectsOf(binding)) {
      if (isSystemSubject(subject)) continue;
      yield fail(`${bindingLabel(binding)} gives ${describeSubject(subject)} cluster-admin: ${scope}`, subject.path, binding.kind === 'ClusterRoleBinding' ? 'critical' : 'high');
    }
  },
});
