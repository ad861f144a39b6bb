import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { ROLE_KINDS } from '../_shared/rbac.js';
import { findGrants, grantMessage } from '../_shared/role-grants.js';

/** `get` reveals a secret whose name is known; `list` and `watch` return every secret's data. */
const SECRET_READ = [{ group: '', resource: 'secrets', verbs: ['get', 'list', 'watch'] }] as const;

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
  target: { kinds: ROLE_KINDS },
  *check(role: Resource) {
    for (const match of findGrants(role, SECRET_READ)) {
      const bulk = match.verbs.some((verb) => verb !== 'get');
      const why = bulk ? ': list and watch return the data of every secret in scope' : ': anyone holding it can read any secret whose name they know';
      yield fail(`${grantMessage(role, match)}${why}`, match.rule.path, bulk ? 'high' : 'medium');
    }
  },
});
