import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { ROLE_KINDS } from '../_shared/rbac.js';
import { findGrants, grantsByRule, groupedGrantMessage } from '../_shared/role-grants.js';

/** Writing a pod or a pod template lets the writer choose the service account and mounts. */
const WRITE_VERBS = ['create', 'update', 'patch'];
const WORKLOADS = [
  { group: '', resource: 'pods' },
  { group: '', resource: 'replicationcontrollers' },
  { group: '', resource: 'podtemplates' },
  { group: 'apps', resource: 'deployments' },
  { group: 'apps', resource: 'replicasets' },
  { group: 'apps', resource: 'statefulsets' },
  { group: 'apps', resource: 'daemonsets' },
  { group: 'batch', resource: 'jobs' },
  { group: 'batch', resource: 'cronjobs' },
].map((target) => ({ ...target, verbs: WRITE_VERBS }));

export const rule = defineRule({
  id: 'rbac-workload-create',
  title: 'Role can create or modify workloads',
  severity: 'medium',
  threats: ['identity-access', 'container-compromise', 'host-compromise'],
  mitre: ['T1610', 'T1078'],
  remediation: 'Grant workload create, update and patch only to deployment pipelines, and enforce the restricted Pod Security Standard in namespaces where they hold it.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
  ],
  target: { kinds: ROLE_KINDS },
  *check(role: Resource) {
    for (const grants of grantsByRule(findGrants(role, WORKLOADS))) {
      yield fail(
        `${groupedGrantMessage(role, grants)}: its holders can run a pod as any service account of the namespace and read every secret, config map and volume it may mount`,
        grants.rule.path,
      );
    }
  },
});
