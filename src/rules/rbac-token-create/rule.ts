/**
 * create on serviceaccounts/token mints tokens (TokenRequest). Judged by the RBAC engine at each binding's scope.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { RISK_RULE_KINDS, riskOutcomes } from '../../graph/rbac/risks/outcomes.js';

export const rule = defineRule({
  id: 'rbac-token-create',
  title: 'Role can mint service account tokens',
  severity: 'high',
  threats: ['identity-access', 'api-server-kubelet'],
  mitre: ['T1078', 'T1528'],
  remediation: 'Remove create on serviceaccounts/token from the role, or restrict it with resourceNames to the one service account that needs tokens issued.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
    'https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/',
  ],
  target: { kinds: RISK_RULE_KINDS },
  check(resource: Resource, { index }: RuleContext<undefined>) {
    return riskOutcomes(resource, index, 'token-create');
  },
});
