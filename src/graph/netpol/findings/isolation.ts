/**
 * Whether a pod is isolated for a direction. Kubernetes isolates a pod for ingress (egress) once a
 * NetworkPolicy selecting it lists that policy type; AdminNetworkPolicies and the
 * BaselineAdminNetworkPolicy that have rules for the direction also decide its traffic, so a pod
 * governed only by them is not "open" either. hostNetwork pods share the node's network namespace,
 * where NetworkPolicies are not enforced by the common plugins.
 */
import type { EndpointClass } from '../analysis.js';
import type { WorkloadEndpoint } from './scan-analysis.js';

export type Direction = 'Ingress' | 'Egress';

export type Isolation =
  | { readonly kind: 'isolated'; readonly policies: readonly string[]; readonly admin: readonly string[] }
  | { readonly kind: 'open' }
  | { readonly kind: 'host-network' };

export function isolationOf(endpoint: WorkloadEndpoint, direction: Direction): Isolation {
  if (endpoint.workload.hostNetwork) return { kind: 'host-network' };
  const cls: EndpointClass = endpoint.cls;
  // A Cilium policy with enableDefaultDeny off takes part in the direction without isolating it.
  const policies = (direction === 'Ingress' ? cls.ingress : cls.egress)
    .filter((p) => (direction === 'Ingress' ? p.policy.affectsIngress : p.policy.affectsEgress))
    .map((p) => `${p.policy.namespace}/${p.policy.name}`);
  const admins = direction === 'Ingress' ? [...cls.adminIngress, ...(cls.baselineIngress === undefined ? [] : [cls.baselineIngress])] : [...cls.adminEgress, ...(cls.baselineEgress === undefined ? [] : [cls.baselineEgress])];
  const admin = admins.map((a) => `${a.policy.baseline ? 'BaselineAdminNetworkPolicy' : 'AdminNetworkPolicy'} ${a.policy.name}`);
  if (policies.length === 0 && admin.length === 0) return { kind: 'open' };
  return { kind: 'isolated', policies, admin };
}
