/**
 * An explicit runAsUser or runAsGroup of 0 runs the container as root (or the root group) on
 * purpose, overriding the image's USER. The effective value counts: a container's own field
 * overrides the pod's.
 */
import { defineRule, fail } from '../../core/rule.js';
import { USER_NAMESPACE_NOTE, describeContainer, effectiveField, isWindowsPod, usesUserNamespace } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'run-as-uid-zero',
  title: 'Container runs with UID or GID 0',
  severity: 'medium',
  threats: ['container-compromise', 'host-compromise'],
  mitre: ['T1611', 'T1068'],
  remediation: 'Set runAsUser and runAsGroup to non-zero IDs (10000 or above) in the pod or container securityContext.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  ],
  target: 'workload',
  *check({ workload }) {
    // runAsUser and runAsGroup are Linux-only; the API rejects them on Windows pods.
    if (isWindowsPod(workload)) return;
    const note = usesUserNamespace(workload) ? USER_NAMESPACE_NOTE : '';
    const severity = note === '' ? undefined : 'low';
    for (const ref of workload.containers) {
      const who = describeContainer(ref);
      const user = effectiveField(workload, ref, 'runAsUser');
      if (user?.value === 0) {
        yield fail(`${who} runs as UID 0 (root): runAsUser is 0 at ${user.from} level${note}`, user.path, severity);
      }
      const group = effectiveField(workload, ref, 'runAsGroup');
      if (group?.value === 0) {
        yield fail(`${who} runs with GID 0 (root group): runAsGroup is 0 at ${group.from} level${note}`, group.path, severity);
      }
    }
  },
});
