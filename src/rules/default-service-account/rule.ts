/**
 * Every namespace's `default` ServiceAccount is shared by every pod that names no other: any RBAC
 * granted to it (often added to make one app work) is granted to all of them, and the audit log
 * cannot tell the workloads apart.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asString } from '../../lib/k8s/values.js';
import { namespaceOf } from '../../core/resource-index.js';
import { serviceAccountOf } from '../../lib/k8s/workload.js';

export const rule = defineRule({
  id: 'default-service-account',
  title: 'Pod runs as the default service account',
  severity: 'low',
  threats: ['identity-access', 'api-server-kubelet'],
  mitre: ['T1078.001', 'T1528'],
  remediation: 'Create a dedicated ServiceAccount for the workload and set spec.serviceAccountName to it.',
  references: [
    'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  ],
  target: 'workload',
  *check({ resource, workload }) {
    if (serviceAccountOf(workload.podSpec) !== 'default') return;
    const namespace = namespaceOf(resource);
    const { podSpec, podSpecPath } = workload;
    // An empty name is unset to the API server, which then uses `default`.
    const named = (value: unknown): boolean => (asString(value) ?? '') !== '';
    const explicit = named(podSpec.serviceAccountName) ? 'serviceAccountName' : named(podSpec.serviceAccount) ? 'serviceAccount' : undefined;
    const why = explicit === undefined ? 'no serviceAccountName is set' : `${explicit} names it`;
    yield fail(`pod runs as the "default" ServiceAccount of namespace "${namespace}" (${why}), shared with every pod there that names no other`, pointer(podSpecPath, explicit ?? 'serviceAccountName'));
  },
});
