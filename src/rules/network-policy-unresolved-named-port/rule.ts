/**
 * A named port in a NetworkPolicy rule means "the container port of that name (and protocol) on
 * the destination pod". When no destination pod declares it, the port entry allows nothing and
 * the traffic the author meant to open stays blocked, or, worse, the author "fixes" it by opening
 * everything. Destinations are the pods the policy selects (ingress) or the pods the rule's peers
 * select (egress); ipBlock destinations have no named ports at all.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { namespaceOf } from '../../core/resource-index.js';
import { NetpolError } from '../../graph/netpol/errors.js';
import { NAMESPACE_NAME_LABEL } from '../../graph/netpol/namespaces.js';
import { parseNetworkPolicy } from '../../graph/netpol/parse-policy.js';
import type { NetworkPolicy, PolicyRule } from '../../graph/netpol/model.js';
import { matches } from '../../graph/netpol/selectors.js';
import { asArray, asRecord, asString, asStringMap } from '../../lib/k8s/values.js';
import type { Labels } from '../../lib/k8s/labels.js';

interface PodPorts {
  readonly namespace: string;
  readonly labels: Labels;
  /** "NAME/PROTOCOL" of every declared container port. */
  readonly named: ReadonlySet<string>;
}

function podsOf(context: RuleContext<undefined>): PodPorts[] {
  return context.index.workloads().flatMap(({ resource, workload }) => {
    if (resource.kind === 'PodTemplate') return [];
    const named = new Set<string>();
    for (const container of asArray(workload.podSpec.containers)) {
      for (const raw of asArray(asRecord(container)?.ports)) {
        const port = asRecord(raw) ?? {};
        const name = asString(port.name);
        if (name !== undefined) named.add(`${name}/${asString(port.protocol) ?? 'TCP'}`);
      }
    }
    return [{ namespace: namespaceOf(resource), labels: workload.podMeta.labels ?? {}, named }];
  });
}

function namespaceLabels(context: RuleContext<undefined>, namespace: string): Labels {
  const object = context.index.namespaceObject(namespace);
  return { ...asStringMap(asRecord(object?.object.metadata)?.labels), [NAMESPACE_NAME_LABEL]: namespace };
}

/** The pods an egress rule's peers select; undefined when the rule has only ipBlock peers. */
function egressDestinations(policy: NetworkPolicy, rule: PolicyRule, pods: readonly PodPorts[], context: RuleContext<undefined>): PodPorts[] | undefined {
  if (rule.peers === undefined) return [...pods];
  const peers = rule.peers.filter((p) => p.kind === 'pods');
  if (peers.length === 0) return undefined;
  return pods.filter((pod) =>
    peers.some((peer) => {
      const nsOk = peer.namespaceSelector === undefined ? pod.namespace === policy.namespace : matches(peer.namespaceSelector, namespaceLabels(context, pod.namespace));
      return nsOk && (peer.podSelector === undefined || matches(peer.podSelector, pod.labels));
    }),
  );
}

export const rule = defineRule({
  id: 'network-policy-unresolved-named-port',
  title: 'NetworkPolicy names a port no destination pod declares',
  severity: 'low',
  threats: ['network-security'],
  mitre: ['T1046'],
  remediation: 'Name a port that the destination containers declare (same name and protocol), or use the port number.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
    'https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec',
  ],
  target: { kinds: ['NetworkPolicy'] },
  *check(resource: Resource, context: RuleContext<undefined>) {
    let policy: NetworkPolicy;
    try {
      policy = parseNetworkPolicy(resource, namespaceOf(resource));
    } catch (error) {
      if (error instanceof NetpolError) return; // an invalid policy is reported by the netpol analysis itself
      throw error;
    }
    const pods = podsOf(context);
    const selected = pods.filter((pod) => pod.namespace === policy.namespace && matches(policy.podSelector, pod.labels));
    if (selected.length === 0) return; // a policy selecting nothing has a bigger problem than its ports
    const directions = [
      { name: 'ingress', rules: policy.affectsIngress ? policy.ingress : [] },
      { name: 'egress', rules: policy.affectsEgress ? policy.egress : [] },
    ] as const;
    for (const { name, rules } of directions) {
      for (const [r, rule] of rules.entries()) {
        const destinations = name === 'ingress' ? selected : egressDestinations(policy, rule, pods, context);
        if (destinations !== undefined && destinations.length === 0) continue;
        for (const [p, port] of (rule.ports ?? []).entries()) {
          if (port.kind !== 'named') continue;
          const key = `${port.name}/${port.protocol}`;
          if (destinations?.some((pod) => pod.named.has(key)) === true) continue;
          const why =
            destinations === undefined
              ? 'the rule\'s only destinations are ipBlocks, which have no named ports'
              : `none of the ${destinations.length} destination pod(s) declares a ${port.protocol} container port named "${port.name}"`;
          yield fail(`${name} rule ${r + 1} of NetworkPolicy "${policy.name}" allows port "${port.name}", but ${why}: the entry allows nothing`, `/spec/${name}/${r}/ports/${p}/port`);
        }
      }
    }
  },
});
