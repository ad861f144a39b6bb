/**
 * Creating a CSR, approving it and the signer's approve verb together issue a client certificate. All
 * three are cluster-scoped, so only a ClusterRoleBinding grants them; they may come from different rules.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { RISK_RULE_KINDS, riskOutcomes } from '../../graph/rbac/risks/outcomes.js';

export const rule = defineRule({
  id: 'rbac-csr-approval',
  title: 'Role can approve certificate signing requests',
  severity: 'critical',
  threats: ['identity-access', 'api-server-kubelet'],
  mitre: ['T1078', 'T1098'],
  remediation: 'Remove update on certificatesigningrequests/approval and approve on signers from the role, or scope approve to signers that cannot issue API client certificates.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#certificate-signing-requests',
  ],
  target: { kinds: RISK_RULE_KINDS },
  check(resource: Resource, { index }: RuleContext<undefined>) {
    return riskOutcomes(resource, index, 'csr-approval');
  },
});
