/**
 * A hostPath volume mounted without readOnly lets the container write into the node's filesystem:
 * plant binaries, cron jobs or kubelet manifests, or fill the node's disk. sensitive-host-path
 * judges which paths are dangerous to see at all; this rule judges write access to any of them.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { describeContainer } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'writable-host-path',
  title: 'hostPath volume mounted writable',
  severity: 'medium',
  threats: ['host-compromise', 'container-compromise'],
  mitre: ['T1611', 'T1053.007'],
  remediation: 'Set readOnly: true on every volumeMount of the hostPath volume, or replace the hostPath with a volume type that does not reach the node.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  target: 'workload',
  *check({ workload }) {
    const hostPaths = new Map<string, string>();
    for (const value of asArray(workload.podSpec.volumes)) {
      const volume = asRecord(value);
      const name = asString(volume?.name);
      const hostPath = asRecord(volume?.hostPath);
      if (name !== undefined && hostPath !== undefined) hostPaths.set(name, asString(hostPath.path) ?? '?');
    }
    if (hostPaths.size === 0) return;
    for (const ref of workload.containers) {
      for (const [index, value] of asArray(ref.container.volumeMounts).entries()) {
        const mount = asRecord(value);
        const name = asString(mount?.name);
        const nodePath = name === undefined ? undefined : hostPaths.get(name);
        // readOnly defaults to false: the mount is writable unless it says otherwise.
        if (name === undefined || nodePath === undefined || mount?.readOnly === true) continue;
        const at = asString(mount?.mountPath) ?? '?';
        yield fail(`${describeContainer(ref)} mounts hostPath volume "${name}" (node path ${nodePath}) writable at ${at}`, pointer(ref.path, 'volumeMounts', index));
      }
    }
  },
});
