import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { ALL, ROLE_KINDS, isSystemRole, policyRulesOf } from '../_shared/rbac.js';
import { roleLabel } from '../_shared/role-grants.js';

const FIELDS = ['verbs', 'resources', 'apiGroups'] as const;

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
  target: { kinds: ROLE_KINDS },
  *check(role: Resource) {
    if (isSystemRole(role)) return;
    for (const rule of policyRulesOf(role)) {
      const wild = FIELDS.filter((field) => rule[field].includes(ALL));
      if (wild.length === 0) continue;
      const first = wild[0] ?? 'verbs';
      const everything = rule.verbs.includes(ALL) && rule.resources.includes(ALL);
      const scope = everything ? ': every verb on every resource of the matched groups, including kinds added to the API later' : ': it also grants whatever is added to the API later';
      yield fail(
        `${roleLabel(role)} has "*" in ${wild.join(', ')}${scope}`,
        pointer(rule.path, first, rule[first].indexOf(ALL)),
        everything ? 'high' : 'medium',
      );
    }
  },
});
