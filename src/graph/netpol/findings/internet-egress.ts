/**
 * The exfiltration path: what a pod may send to every address of the public internet. Decided by
 * the engine over the partition of the IPv4 space the policies induce: a connection reaches "the
 * internet" when it is allowed towards every range holding public addresses (so 0.0.0.0/0 except
 * the private ranges still counts, a /32 to one partner does not). The engine models IPv4 only,
 * so an IPv6 `::/0` ipBlock is read from the policy rule itself.
 */
import type { Analysis, Endpoint } from '../analysis.js';
import { ConnectionSet } from '../connections.js';
import { IntervalSet } from '../intervals.js';
import { parseCidr } from '../ip-blocks.js';
import type { NetworkPolicy } from '../model.js';
import { isolationOf } from './isolation.js';
import type { WorkloadEndpoint } from './scan-analysis.js';

/** Addresses that are not routed on the public internet (RFC 6890 special-purpose ranges). */
const NON_PUBLIC: readonly string[] = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.0.0.0/24', '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/3',
];

export const PUBLIC_IPV4: IntervalSet = NON_PUBLIC.reduce((space, cidr) => {
  const parsed = parseCidr(cidr);
  return parsed.kind === 'ipv4' ? space.subtract(parsed.block) : space;
}, IntervalSet.of(0, 2 ** 32 - 1));

/** The rule that opens the way, as `namespace/policy egress rule #n`. */
export interface OpeningRule {
  readonly policy: string;
  readonly rule: number;
  /** JSON pointer of the rule inside its policy. */
  readonly path: string;
  readonly policyResource: NetworkPolicy['resource'];
}

export type InternetEgress =
  | { readonly kind: 'not-isolated' }
  | { readonly kind: 'host-network' }
  /** Policies isolate the pod for egress, yet allow `conns` to every public address. */
  | { readonly kind: 'allowed'; readonly conns: ConnectionSet; readonly rules: readonly OpeningRule[]; readonly byAdmin: boolean }
  /** IPv6 only: a rule allows ::/0 (the engine does not model IPv6). */
  | { readonly kind: 'ipv6'; readonly rules: readonly OpeningRule[] }
  | { readonly kind: 'restricted' };

type IpEndpoint = Extract<Endpoint, { kind: 'ip' }>;

export function internetEgress(analysis: Analysis, endpoint: WorkloadEndpoint): InternetEgress {
  const isolation = isolationOf(endpoint, 'Egress');
  if (isolation.kind === 'host-network') return { kind: 'host-network' };
  if (isolation.kind === 'open') return { kind: 'not-isolated' };
  const publicRanges = analysis.dstRanges.filter((r: IpEndpoint) => !r.range.intersect(PUBLIC_IPV4).isEmpty());
  let conns: ConnectionSet | undefined;
  for (const range of publicRanges) {
    const allowed = analysis.allowed(endpoint.cls, range);
    conns = conns === undefined ? allowed : conns.intersect(allowed);
    if (conns.isEmpty()) break;
  }
  if (conns !== undefined && !conns.isEmpty()) {
    const rules = new Map<string, OpeningRule>();
    let byAdmin = false;
    for (const range of publicRanges) {
      for (const hit of analysis.side(endpoint.cls, range, 'Egress', true).hits) {
        if (hit.conns.intersect(conns).isEmpty()) continue;
        const policy = endpoint.cls.egress.find((p) => `${p.policy.namespace}/${p.policy.name}` === hit.policy)?.policy;
        if (policy === undefined) {
          byAdmin = true;
          continue;
        }
        const key = `${hit.policy}#${hit.rule}`;
        if (!rules.has(key)) rules.set(key, { policy: hit.policy, rule: hit.rule, path: `/spec/egress/${hit.rule - 1}`, policyResource: policy.resource });
      }
    }
    return { kind: 'allowed', conns, rules: [...rules.values()], byAdmin: byAdmin || rules.size === 0 };
  }
  const ipv6 = ipv6Openings(endpoint);
  return ipv6.length > 0 ? { kind: 'ipv6', rules: ipv6 } : { kind: 'restricted' };
}

/** Egress rules of the pod's policies with an ipBlock covering all of IPv6 (a /0 cidr). */
function ipv6Openings(endpoint: WorkloadEndpoint): OpeningRule[] {
  const out: OpeningRule[] = [];
  for (const { policy } of endpoint.cls.egress) {
    policy.egress.forEach((rule, r) => {
      const whole = (rule.peers ?? []).some((peer) => peer.kind === 'ip' && parseCidr(peer.text).kind === 'ipv6' && peer.text.trim().endsWith('/0'));
      if (whole) out.push({ policy: `${policy.namespace}/${policy.name}`, rule: r + 1, path: `/spec/egress/${r}`, policyResource: policy.resource });
    });
  }
  return out;
}
