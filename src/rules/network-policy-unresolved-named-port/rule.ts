/**
 * A named port in a NetworkPolicy rule means "the container port of that name (and protocol) on
 * the destination pod". When no destination pod declares it, the port entry allows nothing and
 * the traffic the author meant to open stays blocked, or, worse, the author "fixes" it by opening
 * everything. Destinations are the pods the policy selects (ingress) or the pods the rule's peers
 * select (egress); ipBlock destinations have no named ports at all. Resolved exactly as the netpol
 * engine resolves it (the same workloads and namespace labels; some container port of that name on
 * the destination must have the rule's protocol: `dns` may be TCP in one container and UDP in another).
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { PolicyUsage, scanNetpol } from '../../graph/netpol/findings/index.js';
import type { Workload } from '../../graph/netpol/model.js';
import type { Protocol } from '../../graph/netpol/connections.js';

/** The engine's resolution of a named port against a destination pod. */
function resolves(workload: Workload, name: string, protocol: Protocol): boolean {
  return workload.ports.some((p) => p.name === name && p.protocol === protocol);
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
  *check(resource: Resource, { index }: RuleContext<undefined>) {
    const scan = scanNetpol(index);
    const policy = scan?.policyOf(resource);
    if (scan === undefined || policy === undefined) return; // an invalid policy is reported by the netpol analysis itself
    const usage = scan.memo('policy-usage', () => new PolicyUsage(scan.analysis.cluster));
    const selected = usage.selected(policy);
    if (selected.length === 0) return; // a policy selecting nothing has a bigger problem than its ports
    const directions = [
      { name: 'ingress', rules: policy.affectsIngress ? policy.ingress : [] },
      { name: 'egress', rules: policy.affectsEgress ? policy.egress : [] },
    ] as const;
    for (const { name, rules } of directions) {
      for (const [r, rule] of rules.entries()) {
        const named = (rule.ports ?? []).some((port) => port.kind === 'named');
        if (!named) continue;
        const destinations = name === 'ingress' ? selected : usage.peerWorkloads(policy, rule);
        if (destinations !== undefined && destinations.length === 0) continue;
        for (const [p, port] of (rule.ports ?? []).entries()) {
          if (port.kind !== 'named') continue;
          if (destinations?.some((w) => resolves(w, port.name, port.protocol)) === true) continue;
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
