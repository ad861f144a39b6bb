/**
 * A Pod created directly, with no controller owning it, is never recreated when it is evicted,
 * deleted or its node fails, and cannot be patched by a rollout. Unowned pods in a cluster are
 * also the typical trace of someone deploying a container by hand.
 */
import { defineRule, warn } from '../../core/rule.js';
import { asArray, asRecord, asStringMap } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

/** Annotations the kubelet sets on mirror pods of static pod manifests. */
const STATIC_POD_ANNOTATIONS = ['kubernetes.io/config.mirror', 'kubernetes.io/config.source', 'kubernetes.io/config.hash'];

export const rule = defineRule({
  id: 'pod-without-owner',
  title: 'Pod is not managed by a controller',
  severity: 'low',
  threats: ['incident-response', 'container-compromise'],
  mitre: ['T1610'],
  remediation: 'Run the pod through a Deployment, StatefulSet, DaemonSet or Job so it is recreated, rolled out and replaced by its controller.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs',
    'https://kubernetes.io/docs/concepts/workloads/pods/#working-with-pods',
  ],
  target: { kinds: ['Pod'] },
  *check(pod: Resource) {
    const metadata = asRecord(pod.object.metadata);
    if (asArray(metadata?.ownerReferences).length > 0) return;
    const annotations = asStringMap(metadata?.annotations);
    const labels = asStringMap(metadata?.labels);
    // Static pods (control-plane manifests) are owned by the kubelet of their node.
    if (STATIC_POD_ANNOTATIONS.some((key) => key in annotations) || labels.tier === 'control-plane') return;
    yield warn(`Pod "${pod.namespace ?? 'default'}/${pod.name}" has no owning controller: it is not recreated after eviction or node failure and no rollout updates it`, '/metadata');
  },
});
