/**
 * A Windows HostProcess container runs as a process on the node itself: host network, host
 * filesystem, and (usually) SYSTEM or an administrator account. It is the Windows equivalent of a
 * privileged container with every host namespace.
 */
import { defineRule, fail } from '../../core/rule.js';
import { asRecord } from '../../lib/k8s/values.js';
import { describeContainer, effectiveWindowsOption } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'windows-host-process',
  title: 'Windows HostProcess container',
  severity: 'critical',
  threats: ['host-compromise', 'container-compromise'],
  mitre: ['T1611', 'T1610'],
  remediation: 'Remove windowsOptions.hostProcess: true and run the workload as an ordinary Windows container, keeping HostProcess pods to vetted node agents.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  target: 'workload',
  *check({ workload }) {
    // windowsOptions is forbidden on pods that declare os.name: linux, and ignored on Linux nodes.
    if (asRecord(workload.podSpec.os)?.name === 'linux') return;
    for (const ref of workload.containers) {
      const hostProcess = effectiveWindowsOption(workload, ref, 'hostProcess');
      if (hostProcess?.value !== true) continue;
      yield fail(`${describeContainer(ref)} is a Windows HostProcess container (${hostProcess.from} level): it runs directly on the node with host access`, hostProcess.path);
    }
  },
});
