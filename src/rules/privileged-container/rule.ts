/**
 * A privileged container gets every capability, every host device and no seccomp/AppArmor
 * confinement: root in it is root on the node. Windows pods have the equivalent in HostProcess
 * containers, which run directly on the host.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { containerSecurityContext, describeContainer, effectiveWindowsOption, isWindowsPod } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'privileged-container',
  title: 'Privileged container',
  severity: 'critical',
  threats: ['host-compromise', 'container-compromise'],
  mitre: ['T1611', 'T1610'],
  remediation: 'Remove securityContext.privileged (or set it to false) and grant only the specific capabilities the container needs.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
  ],
  target: 'workload',
  *check({ workload }) {
    const windows = isWindowsPod(workload);
    for (const ref of workload.containers) {
      // A pod need not declare spec.os to land on a Windows node, so hostProcess counts on any pod.
      const hostProcess = effectiveWindowsOption(workload, ref, 'hostProcess');
      if (hostProcess?.value === true) {
        yield fail(`${describeContainer(ref)} runs as a Windows HostProcess container with full access to the host`, hostProcess.path);
      }
      if (!windows && containerSecurityContext(ref).privileged === true) {
        yield fail(`${describeContainer(ref)} runs privileged: it has every capability and the host's devices`, pointer(ref.path, 'securityContext', 'privileged'));
      }
    }
  },
});
