import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { BINDING_KINDS, PUBLIC_PRINCIPALS, describeSubject, roleRefOf, subjectsOf } from '../_shared/rbac.js';
import { bindingLabel } from '../_shared/bindings.js';

/**
 * The bootstrap policy itself binds the public groups to these read-only discovery roles
 * (`system:authenticated` to all three, `system:unauthenticated` to public-info-viewer).
 */
const DEFAULT_PUBLIC_ROLES = new Set(['system:basic-user', 'system:discovery', 'system:public-info-viewer']);

const WHO: Readonly<Record<string, string>> = {
  'system:anonymous': 'every unauthenticated request',
  'system:unauthenticated': 'every unauthenticated request',
  'system:authenticated': 'every authenticated identity, including any service account token of any namespace',
};

export const rule = defineRule({
  id: 'rbac-anonymous-binding',
  title: 'Role bound to anonymous or all authenticated users',
  severity: 'critical',
  threats: ['identity-access', 'api-server-kubelet'],
  mitre: ['T1078.001', 'T1190'],
  remediation: 'Remove system:anonymous, system:unauthenticated and system:authenticated from the binding and bind the specific users, groups or service accounts that need the role.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles',
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
  ],
  target: { kinds: BINDING_KINDS },
  *check(binding: Resource) {
    const ref = roleRefOf(binding);
    if (ref === undefined || (ref.kind === 'ClusterRole' && DEFAULT_PUBLIC_ROLES.has(ref.name))) return;
    for (const subject of subjectsOf(binding)) {
      if ((subject.kind !== 'User' && subject.kind !== 'Group') || !PUBLIC_PRINCIPALS.has(subject.name)) continue;
      yield fail(
        `${bindingLabel(binding)} grants ${ref.kind} "${ref.name}" to ${describeSubject(subject)}, that is to ${WHO[subject.name] ?? 'everyone'}`,
        subject.path,
        ref.name === 'cluster-admin' || subject.name !== 'system:authenticated' ? 'critical' : 'high',
      );
    }
  },
});
