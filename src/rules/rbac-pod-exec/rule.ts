/**
 * exec, attach and portforward open streams into pods. Judged by the RBAC engine at each binding's scope.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { RISK_RULE_KINDS, riskOutcomes } from '../../graph/rbac/risks/outcomes.js';

export const rule = defineRule({
  id: 'rbac-pod-exec',
  title: 'Role can exec into, attach to or port-forward pods',
  severity: 'high',
  threats: ['identity-access', 'container-compromise', 'lateral-movement'],
  mitre: ['T1609', 'T1078'],
  remediation: 'Remove create and get on pods/exec, pods/attach and pods/portforward from the role, and grant them only to break-glass operators.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
    'https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb',
  ],
  target: { kinds: RISK_RULE_KINDS },
  check(resource: Resource, { index }: RuleContext<undefined>) {
    return riskOutcomes(resource, index, 'pod-exec');
  },
});
