/**
 * spec.nodeName binds a pod to a node directly: the scheduler never sees it, so taints
 * (NoSchedule), node affinity and scheduling policies are skipped. It is how a pod lands on a
 * control-plane node or on the node hosting a chosen victim.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asString } from '../../lib/k8s/values.js';

export const rule = defineRule({
  id: 'node-name-pinned',
  title: 'Pod bypasses the scheduler with spec.nodeName',
  severity: 'medium',
  threats: ['host-compromise', 'lateral-movement'],
  mitre: ['T1610', 'T1611'],
  remediation: 'Remove spec.nodeName and express placement with nodeSelector or node affinity, which respect taints.',
  references: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/',
  ],
  target: 'workload',
  *check({ resource, workload }) {
    const node = asString(workload.podSpec.nodeName);
    if (node === undefined || node === '') return;
    // A Pod read back from a cluster (it has a status) was bound by the scheduler, not pinned.
    if (resource.kind === 'Pod' && resource.object.status !== undefined) return;
    yield fail(`pod is pinned to node "${node}" with spec.nodeName: the scheduler, taints and node affinity are bypassed`, pointer(workload.podSpecPath, 'nodeName'));
  },
});
