/**
 * SELinux labels the processes of a container `container_t` with a per-pod MCS level, which keeps
 * them off the node's files and other pods' volumes. A custom type (spc_t, unconfined_t, a host
 * daemon's type) or a custom SELinux user or role replaces that confinement.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asRecord, asString } from '../../lib/k8s/values.js';
import { describeContainer, effectiveField, isWindowsPod } from '../_lib/pod.js';

/** The types container runtimes give containers; the same set Pod Security baseline allows (v1.31+). */
const CONTAINER_TYPES: ReadonlySet<string> = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

export const rule = defineRule({
  id: 'selinux-custom-options',
  title: 'Container sets a custom SELinux type, user or role',
  severity: 'medium',
  threats: ['container-compromise', 'host-compromise'],
  mitre: ['T1611', 'T1068'],
  remediation: 'Remove seLinuxOptions type, user and role (set only level if you need one) so the runtime labels the container container_t.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  target: 'workload',
  *check({ workload }) {
    // SELinux is Linux-only; the API rejects seLinuxOptions on Windows pods.
    if (isWindowsPod(workload)) return;
    for (const ref of workload.containers) {
      // seLinuxOptions are taken as a whole: a container's own options replace the pod's.
      const options = effectiveField(workload, ref, 'seLinuxOptions');
      const record = asRecord(options?.value);
      if (options === undefined || record === undefined) continue;
      const who = describeContainer(ref);
      const type = asString(record.type) ?? '';
      if (type !== '' && !CONTAINER_TYPES.has(type)) {
        const severity = type === 'spc_t' || type.startsWith('unconfined') ? 'high' : undefined;
        yield fail(`${who} runs with SELinux type "${type}" instead of a container type (${options.from} level)`, pointer(options.path, 'type'), severity);
      }
      for (const field of ['user', 'role'] as const) {
        const value = asString(record[field]) ?? '';
        if (value !== '') yield fail(`${who} sets SELinux ${field} "${value}" (${options.from} level)`, pointer(options.path, field));
      }
    }
  },
});
