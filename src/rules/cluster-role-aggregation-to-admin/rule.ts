/**
 * ClusterRoles labelled rbac.authorization.k8s.io/aggregate-to-{admin,edit,view} have their rules
 * copied into the built-in admin, edit and view roles by the aggregation controller. A CRD or
 * operator chart can thereby widen what every holder of `view` or `edit` in the cluster may do,
 * without any binding changing. This rule flags grants that break the promise of the target role.
 */
import { defineRule, fail } from '../../core/rule.js';
import { asRecord, asStringMap } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';
import type { PolicyRule } from '../_shared/rbac.js';
import { ALL, grants, isSystemRole, policyRulesOf } from '../_shared/rbac.js';

type Target = 'admin' | 'edit' | 'view';
const TARGETS: readonly Target[] = ['admin', 'edit', 'view'];
const READ_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch']);

/** What a rule grants that the aggregated role must not have, in words; undefined when nothing. */
function excess(rule: PolicyRule, target: Target): string | undefined {
  if (rule.verbs.includes(ALL) || rule.resources.includes(ALL) || rule.apiGroups.includes(ALL)) return 'wildcard (*) verbs, resources or API groups';
  const escalation = ['escalate', 'bind', 'impersonate'].filter((verb) => rule.verbs.includes(verb));
  if (escalation.length > 0) return `the ${escalation.join(', ')} ${escalation.length === 1 ? 'verb' : 'verbs'}`;
  if (target === 'edit') {
    const rbacWrite = ['roles', 'rolebindings'].filter((resource) => ['create', 'update', 'patch'].some((verb) => grants(rule, { verb, group: 'rbac.authorization.k8s.io', resource })));
    if (rbacWrite.length > 0) return `write access to ${rbacWrite.join(' and ')} (edit deliberately excludes RBAC)`;
  }
  if (target === 'view') {
    const writes = rule.verbs.filter((verb) => !READ_VERBS.has(verb));
    if (writes.length > 0) return `the non-read ${writes.length === 1 ? 'verb' : 'verbs'} ${writes.join(', ')}`;
    if (['get', 'list', 'watch'].some((verb) => grants(rule, { verb, group: '', resource: 'secrets' }))) return 'read access to Secrets (view deliberately excludes them)';
  }
  return undefined;
}

export const rule = defineRule({
  id: 'cluster-role-aggregation-to-admin',
  title: 'ClusterRole aggregates risky permissions into admin, edit or view',
  severity: 'high',
  threats: ['identity-access', 'lateral-movement'],
  mitre: ['T1098', 'T1078'],
  remediation: 'Remove the aggregate-to label from the ClusterRole or narrow its rules to what the built-in role it joins is meant to allow.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles',
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
  ],
  target: { kinds: ['ClusterRole'] },
  *check(role: Resource) {
    if (isSystemRole(role)) return;
    const labels = asStringMap(asRecord(role.object.metadata)?.labels);
    for (const target of TARGETS) {
      const label = `rbac.authorization.k8s.io/aggregate-to-${target}`;
      if (labels[label] !== 'true') continue;
      for (const rule of policyRulesOf(role)) {
        const problem = excess(rule, target);
        if (problem === undefined) continue;
        yield fail(`ClusterRole "${role.name}" is aggregated into "${target}" (label ${label}) and grants ${problem}: every holder of ${target} gets it`, rule.path);
      }
    }
  },
});
