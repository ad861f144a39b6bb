/**
 * Unless disabled, every pod gets a token of its ServiceAccount mounted at
 * /var/run/secrets/kubernetes.io/serviceaccount: code execution in any container becomes an API
 * identity. The pod's automountServiceAccountToken wins over its ServiceAccount's; when the pod
 * leaves it unset, the ServiceAccount's value decides, and the default is to mount.
 */
import { defineRule, fail } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import { pointer } from '../../lib/json-pointer.js';
import { serviceAccountOf } from '../../lib/k8s/workload.js';

/** Why the ServiceAccount lets the token be mounted, or undefined when it disables mounting. */
function accountReason(account: Resource, name: string): string | undefined {
  const value = account.object.automountServiceAccountToken;
  if (value === false) return undefined;
  return value === true
    ? `its ServiceAccount "${name}" sets automountServiceAccountToken: true`
    : `its ServiceAccount "${name}" does not set it either, and the default is to mount`;
}

export const rule = defineRule({
  id: 'service-account-token-automount',
  title: 'Service account token is mounted automatically',
  severity: 'medium',
  threats: ['api-server-kubelet', 'identity-access', 'lateral-movement'],
  mitre: ['T1528', 'T1552.007'],
  remediation: 'Set automountServiceAccountToken: false on the pod (or its ServiceAccount) unless the application calls the Kubernetes API.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    'https://kubernetes.io/docs/concepts/security/service-accounts/',
  ],
  target: 'workload',
  *check(subject, { index }) {
    const { workload } = subject;
    const path = pointer(workload.podSpecPath, 'automountServiceAccountToken');
    const podValue = workload.podSpec.automountServiceAccountToken;
    if (podValue === false) return;
    const name = serviceAccountOf(workload.podSpec);
    if (podValue === true) {
      yield fail(`pod sets automountServiceAccountToken: true, so every container gets a token of ServiceAccount "${name}"`, path);
      return;
    }
    const account: Resource | undefined = index.serviceAccountOf(subject);
    const why = account === undefined ? `its ServiceAccount "${name}" is not in the scanned input, and the default is to mount` : accountReason(account, name);
    if (why === undefined) return;
    yield fail(`pod mounts a service account token automatically: the pod leaves automountServiceAccountToken unset and ${why}`, path);
  },
});
