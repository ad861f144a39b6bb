import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import type { PolicyRule } from '../_shared/rbac.js';
import { ROLE_KINDS, groupMatches, isSystemRole, policyRulesOf, resourceMatches, verbMatches } from '../_shared/rbac.js';
import { roleLabel } from '../_shared/role-grants.js';

const GROUP = 'certificates.k8s.io';
/** The signer whose certificates authenticate to the API server as any user or group, system:masters included. */
const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

/** Approving needs update (or patch) on the approval subresource of certificatesigningrequests... */
function grantsApprovalUpdate(rule: PolicyRule): boolean {
  return rule.resourceNames.length === 0 && groupMatches(rule, GROUP) && resourceMatches(rule, 'certificatesigningrequests', 'approval') && (verbMatches(rule, 'update') || verbMatches(rule, 'patch'));
}

/**
 * ...and `approve` on the signer. A signer rule is scoped by resourceNames to signer names, where
 * `<domain>/*` names every signer of the domain, so a scoped rule still counts when it names the
 * API-server client signer.
 */
function grantsSignerApprove(rule: PolicyRule): boolean {
  if (!groupMatches(rule, GROUP) || !resourceMatches(rule, 'signers') || !verbMatches(rule, 'approve')) return false;
  return rule.resourceNames.length === 0 || rule.resourceNames.some((name) => name === CLIENT_SIGNER || name === 'kubernetes.io/*');
}

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
  target: { kinds: ROLE_KINDS },
  *check(role: Resource) {
    // CertificateSigningRequests and signers are cluster-scoped: a namespaced Role cannot grant them.
    if (isSystemRole(role) || role.kind === 'Role') return;
    const rules = policyRulesOf(role);
    const approval = rules.find(grantsApprovalUpdate);
    const signer = rules.find(grantsSignerApprove);
    if (approval === undefined || signer === undefined) return;
    yield fail(
      `${roleLabel(role)} can approve certificate signing requests for the kube-apiserver client signer (update on certificatesigningrequests/approval at ${approval.path}, approve on signers at ${signer.path}): its holders issue themselves a certificate for any user or group, system:masters included`,
      signer.path,
    );
  },
});
