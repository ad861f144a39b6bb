import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { ROLE_KINDS } from '../_shared/rbac.js';
import { findGrants, grantsByRule, groupedGrantMessage } from '../_shared/role-grants.js';

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const GROUP = 'admissionregistration.k8s.io';
const WEBHOOK_CONFIGS = ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'].map((resource) => ({ group: GROUP, resource, verbs: WRITE_VERBS, clusterScoped: true }));

export const rule = defineRule({
  id: 'rbac-webhook-config-write',
  title: 'Role can change admission webhook configurations',
  severity: 'high',
  threats: ['identity-access', 'api-server-kubelet', 'container-compromise'],
  mitre: ['T1078', 'T1562.001'],
  remediation: 'Remove write verbs on validatingwebhookconfigurations and mutatingwebhookconfigurations from the role and keep them with cluster administrators.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks',
    'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/',
  ],
  target: { kinds: ROLE_KINDS },
  *check(role: Resource) {
    for (const grants of grantsByRule(findGrants(role, WEBHOOK_CONFIGS))) {
      const what = grants.matches.some((m) => m.grant.resource.startsWith('mutating'))
        ? 'its holders can disable admission policy or register a webhook that rewrites every object created in the cluster'
        : 'its holders can disable the validating admission checks that enforce policy';
      yield fail(`${groupedGrantMessage(role, grants)}: ${what}`, grants.rule.path);
    }
  },
});
