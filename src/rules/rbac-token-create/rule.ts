import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { ROLE_KINDS } from '../_shared/rbac.js';
import { findGrants, grantMessage } from '../_shared/role-grants.js';

const TOKEN_REQUEST = [{ group: '', resource: 'serviceaccounts', subresource: 'token', verbs: ['create'] }];

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
  target: { kinds: ROLE_KINDS },
  *check(role: Resource) {
    for (const match of findGrants(role, TOKEN_REQUEST)) {
      yield fail(`${grantMessage(role, match)}: its holders issue tokens for any service account in scope and gain all of their permissions`, match.rule.path);
    }
  },
});
