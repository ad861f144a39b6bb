/**
 * Admission webhook configurations are cluster-scoped: only a ClusterRoleBinding grants writes to them.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { RISK_RULE_KINDS, riskOutcomes } from '../../graph/rbac/risks/outcomes.js';

export const rule = defineRule({
  id: 'rbac-webhook-config-write',
  title: 'Role can change admission webhook configurations',
  severity: 'high',
  threats: ['identity-access', 'api-server-kubelet', 'container-compromise'],
  mitre: ['T1078', 'T1562.001'],
  remediation: 'Remove write verbs on validatingwebhookconfigurations and mutatingwebhookconfigurations from the role and keep them with cluster administrators.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks',
    'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/',
  ],
  target: { kinds: RISK_RULE_KINDS },
  check(resource: Resource, { index }: RuleContext<undefined>) {
    return riskOutcomes(resource, index, 'webhook-config-write');
  },
});
