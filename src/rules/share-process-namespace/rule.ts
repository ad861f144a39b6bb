/**
 * shareProcessNamespace puts every container of the pod in one PID namespace: each sees the
 * others' processes, and can read their environment and reach their filesystems through
 * /proc/<pid>/root, so a compromised sidecar owns the application container's secrets.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { isWindowsPod } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'share-process-namespace',
  title: 'Pod shares one process namespace between its containers',
  severity: 'medium',
  threats: ['container-compromise', 'data-exfiltration', 'lateral-movement'],
  mitre: ['T1552', 'T1055'],
  remediation: 'Remove spec.shareProcessNamespace (or set it to false) unless a debugging or signalling sidecar truly needs it.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/',
  ],
  target: 'workload',
  *check({ workload }) {
    // Linux-only field: the API rejects it on Windows pods.
    if (isWindowsPod(workload)) return;
    if (workload.podSpec.shareProcessNamespace !== true) return;
    const names = workload.containers.filter((c) => c.kind !== 'initContainers').map((c) => `"${c.name}"`);
    yield fail(
      `pod sets shareProcessNamespace: true: its containers (${names.join(', ')}) see each other's processes, environment variables and filesystems through /proc`,
      pointer(workload.podSpecPath, 'shareProcessNamespace'),
    );
  },
});
