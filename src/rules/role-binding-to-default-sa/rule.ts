/**
 * Every pod of a namespace that names no ServiceAccount runs as `default`. Permissions bound to a
 * default ServiceAccount (or to every ServiceAccount of a namespace, which includes it) therefore
 * go to every such pod, including ones nobody meant to trust with the API.
 */
import { defineRule, fail } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import { bindingLabel } from '../_shared/bindings.js';
import { roleRefOf, subjectsOf } from '../_shared/rbac.js';

/** The user name a ServiceAccount authenticates as: system:serviceaccount:<namespace>:<name>. */
const SERVICE_ACCOUNT_USER = /^system:serviceaccount:([^:]+):default$/;

/** Bootstrap roles that grant only discovery and public information, bound to service accounts by default. */
const HARMLESS_ROLES: ReadonlySet<string> = new Set(['system:service-account-issuer-discovery', 'system:discovery', 'system:basic-user', 'system:public-info-viewer']);

export const rule = defineRule({
  id: 'role-binding-to-default-sa',
  title: 'RBAC permissions granted to default ServiceAccounts',
  severity: 'medium',
  threats: ['identity-access', 'lateral-movement'],
  mitre: ['T1078.001', 'T1528'],
  remediation: 'Bind the role to a dedicated ServiceAccount that only the pods needing it use, and leave default ServiceAccounts without permissions.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions',
  ],
  target: { kinds: ['ClusterRoleBinding', 'RoleBinding'] },
  *check(binding: Resource) {
    const role = roleRefOf(binding);
    if (role === undefined || HARMLESS_ROLES.has(role.name)) return;
    const roleText = `${role.kind} "${role.name}"`;
    for (const subject of subjectsOf(binding)) {
      if (subject.kind === 'ServiceAccount' && subject.name === 'default') {
        // A RoleBinding's ServiceAccount subject without namespace means the binding's namespace.
        const namespace = subject.namespace ?? (binding.kind === 'RoleBinding' ? (binding.namespace ?? 'default') : '?');
        yield fail(`${bindingLabel(binding)} grants ${roleText} to ServiceAccount ${namespace}/default, which every pod of that namespace without serviceAccountName runs as`, subject.path);
      } else if (subject.kind === 'User' && SERVICE_ACCOUNT_USER.test(subject.name)) {
        // The authorizer matches a User subject by user name, and that is a default ServiceAccount's.
        const namespace = subject.name.split(':')[2] ?? '?';
        yield fail(`${bindingLabel(binding)} grants ${roleText} to ServiceAccount ${namespace}/default (as User ${subject.name}), which every pod of that namespace without serviceAccountName runs as`, subject.path);
      } else if (subject.kind === 'Group' && (subject.name === 'system:serviceaccounts' || subject.name.startsWith('system:serviceaccounts:'))) {
        const scope = subject.name === 'system:serviceaccounts' ? 'every ServiceAccount of the cluster' : `every ServiceAccount of namespace ${subject.name.slice('system:serviceaccounts:'.length)}`;
        yield fail(`${bindingLabel(binding)} grants ${roleText} to group ${subject.name}: ${scope}, default ones included`, subject.path);
      }
    }
  },
});
