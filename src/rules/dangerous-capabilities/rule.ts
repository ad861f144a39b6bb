/**
 * Added capabilities that open a way out of the container or onto the node. Each finding carries
 * the severity of the capability it reports (ALL and SYS_ADMIN are as bad as privileged).
 */
import { defineRule, fail } from '../../core/rule.js';
import { addedCapabilities } from '../_lib/capabilities.js';
import { describeContainer, isWindowsPod } from '../_lib/pod.js';
import { DANGEROUS_CAPABILITIES } from './capabilities.js';

export const rule = defineRule({
  id: 'dangerous-capabilities',
  title: 'Container adds a dangerous capability',
  severity: 'high',
  threats: ['host-compromise', 'container-compromise', 'lateral-movement'],
  mitre: ['T1611', 'T1068'],
  remediation: 'Remove the capability from securityContext.capabilities.add and grant only narrow ones such as NET_BIND_SERVICE after dropping ALL.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
  ],
  target: 'workload',
  *check({ workload }) {
    // Capabilities are Linux-only; the API rejects them on Windows pods.
    if (isWindowsPod(workload)) return;
    for (const ref of workload.containers) {
      for (const capability of addedCapabilities(ref)) {
        const danger = DANGEROUS_CAPABILITIES[capability.name];
        if (danger === undefined) continue;
        yield fail(`${describeContainer(ref)} adds ${capability.written}, which ${danger.enables}`, capability.path, danger.severity);
      }
    }
  },
});
