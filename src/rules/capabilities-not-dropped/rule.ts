/**
 * Runtimes give containers a default capability set (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID,
 * NET_RAW, ...) that few applications need. Only `drop: [ALL]` removes it; then `add` grants back
 * exactly what is needed.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { droppedCapabilities } from '../_lib/capabilities.js';
import { describeContainer, isWindowsPod } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'capabilities-not-dropped',
  title: 'Container does not drop all capabilities',
  severity: 'low',
  threats: ['container-compromise', 'host-compromise'],
  mitre: ['T1068', 'T1611'],
  remediation: 'Add ALL to securityContext.capabilities.drop and list only the capabilities the container needs under add.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    'https://man7.org/linux/man-pages/man7/capabilities.7.html',
  ],
  target: 'workload',
  *check({ workload }) {
    // Capabilities are Linux-only; the API rejects them on Windows pods.
    if (isWindowsPod(workload)) return;
    for (const ref of workload.containers) {
      const dropped = droppedCapabilities(ref);
      if (dropped.some((cap) => cap.name === 'ALL')) continue;
      const why = dropped.length === 0 ? 'it drops none' : `it drops only ${dropped.map((cap) => cap.written).join(', ')}`;
      yield fail(`${describeContainer(ref)} keeps the runtime's default capabilities: ${why}, not ALL`, pointer(ref.path, 'securityContext', 'capabilities', 'drop'));
    }
  },
});
