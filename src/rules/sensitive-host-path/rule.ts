/**
 * hostPath volumes that expose the node: container runtime sockets, the root filesystem, node
 * configuration and credentials, kernel interfaces. Each finding carries the severity of what the
 * path exposes (critical for runtime sockets and /).
 */
import { defineRule, fail } from '../../core/rule.js';
import type { Workload } from '../../model/k8s.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { describeContainer } from '../_lib/pod.js';
import { canonicalHostPath, sensitiveMatch } from './sensitive-paths.js';

/**
 * "gives container "app"" / "gives init container "a" and container "b"": who mounts the volume.
 * A volume no container mounts still reaches the node as soon as one does, so it is reported too.
 */
function mountedBy(workload: Workload, volume: string): string {
  const mounters = workload.containers.filter((ref) => asArray(ref.container.volumeMounts).some((mount) => asRecord(mount)?.name === volume));
  if (mounters.length === 0) return 'declares (no container mounts it yet)';
  return `gives ${mounters.map(describeContainer).join(' and ')}`;
}

export const rule = defineRule({
  id: 'sensitive-host-path',
  title: 'Pod mounts a sensitive host path',
  severity: 'high',
  threats: ['host-compromise', 'container-compromise', 'data-exfiltration'],
  mitre: ['T1611', 'T1552.001', 'T1610'],
  remediation: 'Replace the hostPath volume with a ConfigMap, Secret, emptyDir or PersistentVolumeClaim, and never mount container runtime sockets or system directories of the node.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ],
  target: 'workload',
  *check({ workload }) {
    const volumes = asArray(workload.podSpec.volumes);
    for (const [index, value] of volumes.entries()) {
      const volume = asRecord(value);
      const hostPath = asRecord(volume?.hostPath);
      const raw = asString(hostPath?.path);
      if (raw === undefined) continue;
      const canonical = canonicalHostPath(raw);
      if (canonical === undefined) continue;
      const name = asString(volume?.name) ?? `#${index}`;
      const at = pointer(workload.podSpecPath, 'volumes', index, 'hostPath', 'path');
      const who = mountedBy(workload, name);
      const match = sensitiveMatch(canonical);
      if (match !== undefined) {
        const { entry } = match;
        const what = match.contains ? `, which contains ${entry.path}, ${entry.exposes}` : `: ${entry.exposes}`;
        yield fail(`volume "${name}" ${who} the host path "${raw}"${what}`, at, entry.severity);
      } else if (asString(hostPath?.type) === 'Socket') {
        yield fail(`volume "${name}" ${who} the host socket "${raw}": a node daemon's API inside the pod`, at);
      }
    }
  },
});
