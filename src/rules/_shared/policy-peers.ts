/**
 * What one NetworkPolicy ingress or egress rule lets through, in words: its peers (absent or empty
 * means every address, inside the cluster and out) and its ports (absent or empty means every port).
 */
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';
import { selectsAllPods } from './network-policy.js';

/** An ipBlock CIDR with prefix length 0: the whole IPv4 or IPv6 address space. */
export function isWholeAddressSpace(cidr: string): boolean {
  const [address, length] = cidr.trim().split('/');
  return address !== undefined && length !== undefined && Number(length) === 0 && address !== '';
}

/** Peers of a rule whose ipBlock covers every address (`0.0.0.0/0`, `::/0`), with their index. */
export function wholeSpacePeers(rule: Record<string, unknown>, peersField: 'from' | 'to'): { index: number; cidr: string; except: number }[] {
  return asArray(rule[peersField]).flatMap((value, index) => {
    const block = asRecord(asRecord(value)?.ipBlock);
    const cidr = asString(block?.cidr);
    if (cidr === undefined || !isWholeAddressSpace(cidr)) return [];
    return [{ index, cidr, except: asArray(block?.except).length }];
  });
}

/** "every port" or "ports 80/TCP, 53/UDP". */
export function describePorts(rule: Record<string, unknown>): string {
  const ports = asArray(rule.ports).map((value) => {
    const port = asRecord(value);
    const number = port?.port;
    const protocol = asString(port?.protocol) ?? 'TCP';
    const shown = typeof number === 'number' || typeof number === 'string' ? String(number) : 'any';
    const end = port?.endPort;
    return `${shown}${typeof end === 'number' ? `-${String(end)}` : ''}/${protocol}`;
  });
  return ports.length === 0 ? 'every port' : `${ports.length === 1 ? 'port' : 'ports'} ${ports.join(', ')}`;
}

/** `NetworkPolicy "ns/name"` and which pods it applies to. */
export function describePolicy(policy: Resource): string {
  const pods = selectsAllPods(policy) ? 'every pod of its namespace' : 'the pods it selects';
  return `NetworkPolicy "${policy.namespace ?? 'default'}/${policy.name}" (applies to ${pods})`;
}
