/**
 * cluster-admin, or a role with every verb on every resource of every group: full control cluster-wide
 * through a ClusterRoleBinding, of one namespace through a RoleBinding. A binding to cluster-admin
 * counts even when the input lacks the role, because the API server recreates it at every start.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { RISK_RULE_KINDS, riskOutcomes } from '../../graph/rbac/risks/outcomes.js';

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
  target: { kinds: RISK_RULE_KINDS },
  check(resource: Resource, { index }: RuleContext<undefined>) {
    return riskOutcomes(resource, index, 'cluster-admin');
  },
});
