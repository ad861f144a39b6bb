/**
 * A binding whose subject is everybody: `system:anonymous` (every unauthenticated request, as a
 * user), `system:unauthenticated` (the same, as a group) or `system:authenticated` (every
 * identity, every ServiceAccount token of every namespace included). The role is resolved by the
 * RBAC engine, so the finding says what everybody gets.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext, Violation } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { describeBindingSubject, quoted, riskAssessmentOf } from '../../graph/rbac/risks/outcomes.js';
import { isBootstrapObject } from '../../graph/rbac/defaults.js';

/**
 * The discovery roles the bootstrap policy itself gives the public subjects: system:authenticated
 * holds all three, the unauthenticated only public-info-viewer (since Kubernetes 1.14, discovery
 * and basic-user are no longer open to anonymous requests, so binding them there reopens them).
 */
const DEFAULT_PUBLIC_ROLES: Readonly<Record<string, ReadonlySet<string>>> = {
  'Group/system:authenticated': new Set(['system:basic-user', 'system:discovery', 'system:public-info-viewer']),
  'Group/system:unauthenticated': new Set(['system:public-info-viewer']),
  'User/system:anonymous': new Set(['system:public-info-viewer']),
};

/** Who a public subject is; a Group named system:anonymous or a User named system:authenticated matches nobody. */
const WHO: Readonly<Record<string, string>> = {
  'User/system:anonymous': 'every unauthenticated request',
  'Group/system:unauthenticated': 'every unauthenticated request',
  'Group/system:authenticated': 'every authenticated identity, including any ServiceAccount token of any namespace',
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
  target: { kinds: ['ClusterRoleBinding', 'RoleBinding'] },
  *check(resource: Resource, { index }: RuleContext<undefined>): Generator<Violation> {
    const assessment = riskAssessmentOf(index);
    const binding = assessment.bindingOf(resource);
    if (binding === undefined || isBootstrapObject(binding.resource)) return;
    const hits = assessment.binding(resource)?.hits ?? [];
    const risks = [...new Set(hits.map((h) => h.grants))];
    const what = risks.length === 0 ? '' : `; through it they get ${risks.slice(0, 3).join('; ')}${risks.length > 3 ? '; ...' : ''}`;
    const admin = hits.some((h) => h.risk === 'cluster-admin');
    for (const subject of binding.subjects) {
      const key = `${subject.kind}/${subject.name}`;
      const who = WHO[key];
      if (who === undefined || (binding.roleRef.kind === 'ClusterRole' && DEFAULT_PUBLIC_ROLES[key]?.has(binding.roleRef.name) === true)) continue;
      const severity = admin || subject.name !== 'system:authenticated' ? 'critical' : 'high';
      yield fail(`${quoted(binding)} gives ${quoted(binding.roleRef)} to ${describeBindingSubject(subject)}, that is to ${who}${what}`, subject.path, severity);
    }
  },
});
