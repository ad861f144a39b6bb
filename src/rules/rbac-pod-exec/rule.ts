import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { ROLE_KINDS } from '../_shared/rbac.js';
import { findGrants, grantsByRule, groupedGrantMessage } from '../_shared/role-grants.js';

/**
 * Streaming subresources are opened with POST (verb create) or, over WebSockets, with GET (verb
 * get), so either verb is enough to run commands in or talk to a pod.
 */
const STREAMING = ['exec', 'attach', 'portforward'].map((subresource) => ({ group: '', resource: 'pods', subresource, verbs: ['create', 'get'] }));

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
  target: { kinds: ROLE_KINDS },
  *check(role: Resource) {
    for (const grants of grantsByRule(findGrants(role, STREAMING))) {
      yield fail(`${groupedGrantMessage(role, grants)}: its holders run commands inside any pod in scope and act with that pod's service account`, grants.rule.path);
    }
  },
});
