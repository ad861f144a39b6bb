import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { ROLE_KINDS } from '../_shared/rbac.js';
import { findGrants, grantsByRule, groupedGrantMessage } from '../_shared/role-grants.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * The verbs the RBAC authorizer checks instead of refusing an escalation: `escalate` lets a user
 * write a role with permissions they lack, `bind` lets them bind a role they do not hold, and
 * `impersonate` lets them act as another user, group or service account.
 */
const ESCALATION = [
  { group: RBAC_GROUP, resource: 'roles', verbs: ['escalate', 'bind'] },
  { group: RBAC_GROUP, resource: 'clusterroles', verbs: ['escalate', 'bind'] },
  { group: '', resource: 'users', verbs: ['impersonate'], clusterScoped: true },
  { group: '', resource: 'groups', verbs: ['impersonate'], clusterScoped: true },
  { group: '', resource: 'serviceaccounts', verbs: ['impersonate'] },
  { group: 'authentication.k8s.io', resource: 'userextras', verbs: ['impersonate'], clusterScoped: true },
  { group: 'authentication.k8s.io', resource: 'uids', verbs: ['impersonate'], clusterScoped: true },
];

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
  target: { kinds: ROLE_KINDS },
  *check(role: Resource) {
    for (const grants of grantsByRule(findGrants(role, ESCALATION))) {
      const impersonate = grants.matches.some((m) => m.verbs.includes('impersonate'));
      const escalate = grants.matches.some((m) => !m.verbs.includes('impersonate'));
      const why = [
        ...(escalate ? ['its holders bypass RBAC privilege-escalation prevention and can grant themselves any permission'] : []),
        ...(impersonate ? ['its holders act as other identities, including cluster administrators'] : []),
      ].join('; ');
      yield fail(`${groupedGrantMessage(role, grants)}: ${why}`, grants.rule.path);
    }
  },
});
