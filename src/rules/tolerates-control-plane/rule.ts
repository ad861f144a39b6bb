/**
 * Control-plane nodes carry the NoSchedule taint node-role.kubernetes.io/control-plane (formerly
 * .../master) so ordinary pods stay away from etcd, the API server and their credentials. A
 * toleration of that taint, or of every taint, lets the scheduler place the pod there; combined
 * with any escape it reaches the control plane.
 */
import { z } from 'zod';
import { defineRule, fail } from '../../core/rule.js';
import { namespaceOf } from '../../core/resource-index.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';

const CONTROL_PLANE_TAINTS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

const options = z.object({
  /** Namespaces whose node agents legitimately run everywhere (CNI, log shippers). */
  allowNamespaces: z.array(z.string()).default(['kube-system']),
});

/**
 * Which control-plane taint a toleration tolerates, as the scheduler matches them: an empty key
 * with operator Exists matches every taint; otherwise the key must match, and Equal (the default
 * operator) needs the taint's value, which is empty for these taints. An empty effect matches all.
 */
function toleratedTaint(toleration: Record<string, unknown>): string | undefined {
  const effect = asString(toleration.effect) ?? '';
  if (effect !== '' && effect !== 'NoSchedule') return undefined;
  const key = asString(toleration.key) ?? '';
  const operator = asString(toleration.operator) ?? 'Equal';
  if (key === '') return operator === 'Exists' ? 'every taint' : undefined;
  if (!CONTROL_PLANE_TAINTS.includes(key)) return undefined;
  if (operator === 'Exists' || (asString(toleration.value) ?? '') === '') return `the taint ${key}`;
  return undefined;
}

export const rule = defineRule({
  id: 'tolerates-control-plane',
  title: 'Pod may be scheduled on control-plane nodes',
  severity: 'medium',
  threats: ['host-compromise', 'api-server-kubelet'],
  mitre: ['T1610', 'T1611'],
  remediation: 'Remove the control-plane (or catch-all) toleration so the pod runs only on worker nodes.',
  references: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/',
    'https://kubernetes.io/docs/reference/labels-annotations-taints/#node-role-kubernetes-io-control-plane-taint',
  ],
  options,
  target: 'workload',
  *check({ resource, workload }, { options: { allowNamespaces } }) {
    if (allowNamespaces.includes(namespaceOf(resource))) return;
    for (const [index, value] of asArray(workload.podSpec.tolerations).entries()) {
      const toleration = asRecord(value);
      const tolerated = toleration === undefined ? undefined : toleratedTaint(toleration);
      if (tolerated === undefined) continue;
      yield fail(`pod tolerates ${tolerated}, so it may be scheduled on control-plane nodes next to etcd and the API server`, pointer(workload.podSpecPath, 'tolerations', index));
    }
  },
});
