/**
 * A "*" in verbs, resources or apiGroups grants whatever the API adds later. Wildcards of the default
 * roles (cluster-admin) are the platform's; aggregated rules are judged in the role they reach.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { RISK_RULE_KINDS, riskOutcomes } from '../../graph/rbac/risks/outcomes.js';

export const rule = defineRule({
  id: 'rbac-wildcard',
  title: 'Role uses wildcards',
  severity: 'medium',
  threats: ['identity-access', 'api-server-kubelet'],
  mitre: ['T1078'],
  remediation: 'Replace each "*" in the role with the explicit verbs, resources and API groups the subject needs.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimise-use-of-wildcard-permissions',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
  ],
  target: { kinds: RISK_RULE_KINDS },
  check(resource: Resource, { index }: RuleContext<undefined>) {
    return riskOutcomes(resource, index, 'wildcard');
  },
});
