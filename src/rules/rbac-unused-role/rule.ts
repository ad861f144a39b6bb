/**
 * A Role or ClusterRole that nothing binds and no aggregated ClusterRole takes rules from grants
 * nothing today, but it is a loaded grant: whoever may create bindings can hand it out, and stale
 * roles hide what the cluster really allows. Only judged when the input holds bindings at all:
 * a folder of roles alone is not a view of the cluster's bindings.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext, Violation } from '../../core/rule.js';
import { defineRule, warn } from '../../core/rule.js';
import { quoted, rbacIndexOf, riskAssessmentOf } from '../../graph/rbac/risks/outcomes.js';

export const rule = defineRule({
  id: 'rbac-unused-role',
  title: 'Role bound to nothing',
  severity: 'low',
  threats: ['identity-access'],
  mitre: ['T1078', 'T1098'],
  remediation: 'Delete the role, or bind it to the subjects that need it.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#periodic-review',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding',
  ],
  target: { kinds: ['ClusterRole', 'Role'] },
  *check(resource: Resource, { index }: RuleContext<undefined>): Generator<Violation> {
    if (rbacIndexOf(index).bindings.length === 0) return;
    const assessment = riskAssessmentOf(index);
    const role = assessment.roleOf(resource);
    if (role === undefined || !assessment.isUnbound(role)) return;
    const where = role.kind === 'Role' ? `RoleBinding in namespace "${role.namespace ?? ''}"` : 'RoleBinding or ClusterRoleBinding';
    yield warn(`${quoted(role)} is bound to nothing: no ${where} with a subject refers to it and no aggregated ClusterRole selects it`, '/metadata/name');
  },
});
