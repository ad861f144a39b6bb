/**
 * get on secrets reveals a secret whose name is known; list and watch return every secret's data. Judged
 * by the RBAC engine: the role a binding refers to (aggregation resolved) at the binding's scope.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { RISK_RULE_KINDS, riskOutcomes } from '../../graph/rbac/risks/outcomes.js';

export const rule = defineRule({
  id: 'rbac-secret-read',
  title: 'Role can read Secrets',
  severity: 'high',
  threats: ['identity-access', 'data-exfiltration', 'api-server-kubelet'],
  mitre: ['T1552.007', 'T1078'],
  remediation: 'Remove get, list and watch on secrets from the role, or restrict get to the named secrets the workload needs with resourceNames.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
  ],
  target: { kinds: RISK_RULE_KINDS },
  check(resource: Resource, { index }: RuleContext<undefined>) {
    return riskOutcomes(resource, index, 'secret-read');
  },
});
