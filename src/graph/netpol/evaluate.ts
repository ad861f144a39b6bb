/**
 * Kubernetes NetworkPolicy semantics between two endpoints. A connection is allowed when the
 * source's egress and the destination's ingress both allow it; on each side, a pod no policy
 * selects for that direction is not isolated (everything allowed), otherwise the union of the
 * selecting policies' matching rules decides. Pod selectors never match IP addresses and ipBlocks
 * never match pods (netpol-analyzer's reading); named ports resolve against the destination pod.
 */
import { ConnectionSet } from './connections.js';
import { errorAt } from './errors.js';
import { IntervalSet } from './intervals.js';
import type { NetworkPolicy, PolicyRule, RulePort } from './model.js';
import type { ContainerPort } from './model.js';
import { namedPortConnections } from './named-ports.js';

/** What the policies need to know about an endpoint standing on the far side of a rule. */
export type PeerView =
  | {
      readonly kind: 'pod';
      readonly matchedPeers: ReadonlySet<number>;
      readonly ports: readonly ContainerPort[];
      /** On a secondary network: the pod's addresses there, which ipBlocks match. */
      readonly addresses?: IntervalSet;
    }
  | { readonly kind: 'ip'; readonly range: IntervalSet };

/** A policy with its rule peers numbered, so endpoints can be pre-matched against them. */
export interface IndexedPolicy {
  readonly policy: NetworkPolicy;
  /** For each ingress/egress rule, for each peer, the id of its selector group (pods peers only). */
  readonly ingressPeerIds: readonly (readonly number[])[];
  readonly egressPeerIds: readonly (readonly number[])[];
  /** The same for deny rules (Cilium). */
  readonly ingressDenyPeerIds?: readonly (readonly number[])[];
  readonly egressDenyPeerIds?: readonly (readonly number[])[];
}

/** One rule that allowed part of a connection, for explanations. */
export interface RuleHit {
  readonly policy: string;
  readonly direction: 'Ingress' | 'Egress';
  readonly rule: number;
  readonly conns: ConnectionSet;
}

export interface SideResult {
  /** False when no policy selects the pod for this direction: everything is allowed. */
  readonly isolated: boolean;
  readonly conns: ConnectionSet;
  readonly hits: readonly RuleHit[];
  /** With explanations: the deny rules (Cilium) that took connections away. */
  readonly denyHits?: readonly RuleHit[];
}

/**
 * Connections the given policies (all selecting one pod for one direction) allow towards or
 * from `peer`; `dstPorts` are the destination's container ports for named ports, undefined when
 * the destination is an IP address.
 */
export function allowedBy(
  policies: readonly IndexedPolicy[],
  direction: 'Ingress' | 'Egress',
  peer: PeerView,
  dstPorts: readonly ContainerPort[] | undefined,
  explain = false,
): SideResult {
  if (policies.length === 0) return { isolated: false, conns: ConnectionSet.all(), hits: [] };
  // A Cilium policy may take part without isolating (enableDefaultDeny: false): then every
  // connection is allowed on this side except what deny rules take away.
  const isolated = policies.some((p) => (direction === 'Ingress' ? p.policy.affectsIngress : p.policy.affectsEgress));
  let conns = isolated ? ConnectionSet.none() : ConnectionSet.all();
  const hits: RuleHit[] = [];
  for (const indexed of isolated ? policies : []) {
    const rules = direction === 'Ingress' ? indexed.policy.ingress : indexed.policy.egress;
    const ids = direction === 'Ingress' ? indexed.ingressPeerIds : indexed.egressPeerIds;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as PolicyRule;
      if (!ruleSelects(rule, ids[r] ?? [], peer)) continue;
      const ruleConns = ruleConnections(indexed.policy, rule, dstPorts);
      if (explain && !ruleConns.isEmpty()) hits.push({ policy: policyName(indexed.policy), direction, rule: r + 1, conns: ruleConns });
      conns = conns.union(ruleConns);
      if (!explain && conns.isAll()) break;
    }
  }
  const denyHits: RuleHit[] = [];
  const denied = deniedBy(policies, direction, peer, dstPorts, explain ? denyHits : undefined);
  return { isolated, conns: denied.isEmpty() ? conns : conns.subtract(denied), hits, ...(denyHits.length === 0 ? {} : { denyHits }) };
}

/** `namespace/name`, or the name alone for a clusterwide policy. */
export function policyName(policy: NetworkPolicy): string {
  return policy.namespace === '' ? policy.name : `${policy.namespace}/${policy.name}`;
}

/** What the deny rules (Cilium ingressDeny/egressDeny) of the policies take away from `peer`. */
function deniedBy(policies: readonly IndexedPolicy[], direction: 'Ingress' | 'Egress', peer: PeerView, dstPorts: readonly ContainerPort[] | undefined, hits?: RuleHit[]): ConnectionSet {
  let denied = ConnectionSet.none();
  for (const indexed of policies) {
    const rules = (direction === 'Ingress' ? indexed.policy.ingressDeny : indexed.policy.egressDeny) ?? [];
    const ids = (direction === 'Ingress' ? indexed.ingressDenyPeerIds : indexed.egressDenyPeerIds) ?? [];
    rules.forEach((rule, r) => {
      if (!ruleSelects(rule, ids[r] ?? [], peer)) return;
      const conns = ruleConnections(indexed.policy, rule, dstPorts);
      denied = denied.union(conns);
      if (hits !== undefined && !conns.isEmpty()) hits.push({ policy: policyName(indexed.policy), direction, rule: r + 1, conns });
    });
  }
  return denied;
}

function ruleSelects(rule: PolicyRule, peerIds: readonly number[], peer: PeerView): boolean {
  if (rule.peers === undefined) return true;
  return rule.peers.some((rulePeer, i) => {
    if (rulePeer.kind === 'ip') {
      if (rulePeer.block.isEmpty()) return false;
      if (peer.kind === 'ip') return peer.range.isSubsetOf(rulePeer.block);
      return peer.addresses !== undefined && !peer.addresses.isEmpty() && peer.addresses.isSubsetOf(rulePeer.block);
    }
    return peer.kind === 'pod' && peer.matchedPeers.has(peerIds[i] ?? -1);
  });
}

export function ruleConnections(policy: NetworkPolicy, rule: PolicyRule, dstPorts: readonly ContainerPort[] | undefined): ConnectionSet {
  if (rule.ports === undefined) return ConnectionSet.all();
  let conns = ConnectionSet.none();
  // A rule open to every peer (no from/to) reaches addresses as well, and Kubernetes accepts a
  // named port there: towards an address it matches nothing, since no pod carries the name.
  const openToAll = rule.peers === undefined;
  for (const port of rule.ports) conns = conns.union(portConnections(policy, port, dstPorts, openToAll));
  return conns;
}

function portConnections(policy: NetworkPolicy, port: RulePort, dstPorts: readonly ContainerPort[] | undefined, openToAll: boolean): ConnectionSet {
  switch (port.kind) {
    case 'all':
      return ConnectionSet.of(port.protocol, IntervalSet.of(1, 65535));
    case 'range':
      return ConnectionSet.of(port.protocol, IntervalSet.of(port.start, port.end));
    case 'named': {
      // Cilium resolves a named port against endpoints only: towards an address it matches nothing.
      if (dstPorts === undefined && (policy.origin === 'cilium' || openToAll)) return ConnectionSet.none();
      // A named port with an ipBlock peer is refused, as netpol-analyzer does.
      if (dstPorts === undefined) {
        throw errorAt(policy.resource, '/spec', `network policy [NP] ${policy.namespace}/${policy.name} named port error: cannot convert named port for an IP destination`);
      }
      return namedPortConnections(dstPorts, port.name, port.protocol);
    }
  }
}
