/**
 * escalate, bind and impersonate are the verbs the RBAC authorizer checks instead of refusing an
 * escalation. Judged by the RBAC engine at each binding's scope (cluster-scoped ones need a ClusterRoleBinding).
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { RISK_RULE_KINDS, riskOutcomes } from '../../graph/rbac/risks/outcomes.js';

export const rule = defineRule({
  id: 'rbac-escalation-verbs',
  title: 'Role grants escalate, bind or impersonate',
  severity: 'critical',
  threats: ['identity-access', 'api-server-kubelet'],
  mitre: ['T1078', 'T1098'],
  remediation: 'Remove the escalate, bind and impersonate verbs from the role, or restrict bind with resourceNames to the exact roles that may be handed out.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb',
  ],
  target: { kinds: RISK_RULE_KINDS },
  check(resource: Resource, { index }: RuleContext<undefined>) {
    return riskOutcomes(resource, index, 'escalation-verbs');
  },
});
