/**
 * hostNetwork, hostPID and hostIPC put the pod in the node's namespaces instead of its own: each
 * removes one wall between the container and the node. One finding per namespace shared.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { isWindowsPod } from '../_lib/pod.js';

interface HostNamespace {
  readonly field: 'hostNetwork' | 'hostPID' | 'hostIPC';
  readonly what: string;
  /** Whether the field exists on Windows pods (only hostNetwork does). */
  readonly windows: boolean;
}

const HOST_NAMESPACES: readonly HostNamespace[] = [
  { field: 'hostNetwork', what: "the node's network namespace: it can sniff and spoof node traffic, reach services bound to the node's loopback (kubelet, etcd on control-plane nodes) and bypass NetworkPolicies", windows: true },
  { field: 'hostPID', what: "the node's process namespace: it sees every process on the node, can read their environment and, as root, signal or ptrace them and enter their filesystems through /proc", windows: false },
  { field: 'hostIPC', what: "the node's IPC namespace: it can read and write the shared memory and message queues of every process on the node", windows: false },
];

export const rule = defineRule({
  id: 'host-namespaces',
  title: "Pod shares the node's namespaces",
  severity: 'high',
  threats: ['host-compromise', 'lateral-movement', 'data-exfiltration'],
  mitre: ['T1611', 'T1040', 'T1046'],
  remediation: 'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/concepts/workloads/pods/#privileged-mode-for-containers',
  ],
  target: 'workload',
  *check({ workload }) {
    const windows = isWindowsPod(workload);
    for (const namespace of HOST_NAMESPACES) {
      if (windows && !namespace.windows) continue;
      if (workload.podSpec[namespace.field] !== true) continue;
      yield fail(`pod sets ${namespace.field}: true and shares ${namespace.what}`, pointer(workload.podSpecPath, namespace.field));
    }
  },
});
