/**
 * An emptyDir lives on the node's disk (or, with medium: Memory, in the node's RAM as tmpfs).
 * Without a sizeLimit only a container limit bounds it: the kubelet evicts a pod whose local
 * storage exceeds its containers' ephemeral-storage limits, and tmpfs pages count against the
 * writing container's memory limit. With neither, one pod can fill the node for every neighbour.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { defaultsFor, hasLimit, isZeroQuantity, resourcedContainers } from '../_lib/resources.js';

function hasSizeLimit(emptyDir: Record<string, unknown>): boolean {
  const limit = emptyDir.sizeLimit;
  return (typeof limit === 'string' || typeof limit === 'number') && !isZeroQuantity(limit);
}

export const rule = defineRule({
  id: 'emptydir-without-size-limit',
  title: 'emptyDir volume without a size limit',
  severity: 'low',
  threats: ['container-compromise'],
  mitre: ['T1499'],
  remediation: 'Set emptyDir.sizeLimit on the volume (or ephemeral-storage and memory limits on the containers).',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir',
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage',
  ],
  target: 'workload',
  *check({ resource, workload }, { index }) {
    const volumes = asArray(workload.podSpec.volumes);
    if (volumes.length === 0) return;
    const defaults = defaultsFor(index, resource);
    const containers = resourcedContainers(workload.containers);
    for (const [i, value] of volumes.entries()) {
      const volume = asRecord(value);
      const emptyDir = asRecord(volume?.emptyDir);
      if (volume === undefined || emptyDir === undefined || hasSizeLimit(emptyDir)) continue;
      const name = asString(volume.name) ?? `#${String(i)}`;
      const at = pointer(workload.podSpecPath, 'volumes', i, 'emptyDir');
      if (asString(emptyDir.medium) === 'Memory') {
        // tmpfs is sized to the pod's memory limit only when every container has one.
        const unbounded = containers.filter((ref) => !hasLimit(workload, ref, 'memory', defaults));
        if (unbounded.length === 0) continue;
        yield fail(`emptyDir volume "${name}" is a tmpfs (medium Memory) without sizeLimit, and container "${unbounded[0]?.name ?? '?'}" has no memory limit: it can take the node's memory`, at);
        continue;
      }
      // The kubelet's eviction compares the pod's local storage with the sum of its containers' limits.
      if (containers.some((ref) => hasLimit(workload, ref, 'ephemeral-storage', defaults))) continue;
      yield fail(`emptyDir volume "${name}" has no sizeLimit and no container has an ephemeral-storage limit: it can fill the node's disk`, at);
    }
  },
});
