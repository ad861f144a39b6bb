/**
 * nodes/proxy reaches the kubelet API. Nodes are cluster-scoped, so only a ClusterRoleBinding grants it:
 * a ClusterRole bound by a RoleBinding grants nothing on nodes.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { RISK_RULE_KINDS, riskOutcomes } from '../../graph/rbac/risks/outcomes.js';

export const rule = defineRule({
  id: 'rbac-nodes-proxy',
  title: 'Role can proxy to the kubelet API (nodes/proxy)',
  severity: 'critical',
  threats: ['identity-access', 'api-server-kubelet', 'host-compromise'],
  mitre: ['T1609', 'T1611', 'T1078'],
  remediation: 'Remove nodes/proxy from the role; give monitoring agents the narrower nodes/metrics and nodes/stats subresources instead.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes',
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
  ],
  target: { kinds: RISK_RULE_KINDS },
  check(resource: Resource, { index }: RuleContext<undefined>) {
    return riskOutcomes(resource, index, 'nodes-proxy');
  },
});
