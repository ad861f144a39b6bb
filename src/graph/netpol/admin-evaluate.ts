/**
 * The admin tiers of the Network Policy API. AdminNetworkPolicies are read as written (no
 * implicit isolation): by priority, then rule order, the first rule matching a connection
 * decides Allow, Deny or Pass. What they leave undecided or Pass goes to the NetworkPolicies;
 * if no NetworkPolicy selects the pod, to the BaselineAdminNetworkPolicy, and otherwise it is
 * allowed (the cluster default).
 */
import type { AdminPolicy, AdminPort, AdminRule } from './admin-model.js';
import { ConnectionSet } from './connections.js';
import type { PeerView, RuleHit } from './evaluate.js';
import { IntervalSet } from './intervals.js';
import type { ContainerPort } from './model.js';
import { namedPortConnections } from './named-ports.js';

export interface IndexedAdmin {
  readonly policy: AdminPolicy;
  readonly subjectId: number;
  readonly ingressPeerIds: readonly (readonly number[])[];
  readonly egressPeerIds: readonly (readonly number[])[];
}

/** Connections one or more admin policies decide, by verdict (the three sets are disjoint). */
export interface AdminVerdicts {
  readonly allowed: ConnectionSet;
  readonly denied: ConnectionSet;
  readonly passed: ConnectionSet;
  readonly hits: readonly RuleHit[];
}

const ADMIN_HIT = /^\[B?ANP\] .* \(.*: (Allow|Deny|Pass)\)$/;

/** The verdict of an admin rule hit (its text names it), or undefined for a NetworkPolicy rule. */
export function adminAction(hit: RuleHit): 'Allow' | 'Deny' | 'Pass' | undefined {
  return ADMIN_HIT.exec(hit.policy)?.[1] as 'Allow' | 'Deny' | 'Pass' | undefined;
}

const NOTHING: AdminVerdicts = { allowed: ConnectionSet.none(), denied: ConnectionSet.none(), passed: ConnectionSet.none(), hits: [] };

function ruleSelects(rule: AdminRule, ids: readonly number[], peer: PeerView): boolean {
  return rule.peers.some((p, i) => {
    if (p.kind === 'ip') return peer.kind === 'ip' && !p.block.isEmpty() && peer.range.isSubsetOf(p.block);
    if (p.kind === 'unsupported') return false;
    return peer.kind === 'pod' && peer.matchedPeers.has(ids[i] ?? -1);
  });
}

function portConnections(port: AdminPort, dstPorts: readonly ContainerPort[] | undefined): ConnectionSet {
  if (port.kind === 'range') return port.start > port.end ? ConnectionSet.none() : ConnectionSet.of(port.protocol, IntervalSet.of(port.start, port.end));
  // An admin named port carries no protocol: each destination port of that name, on its own protocol.
  return dstPorts === undefined ? ConnectionSet.none() : namedPortConnections(dstPorts, port.name, undefined);
}

function ruleConnections(rule: AdminRule, dstPorts: readonly ContainerPort[] | undefined): ConnectionSet {
  if (rule.ports === undefined) return ConnectionSet.all();
  return rule.ports.reduce((acc, port) => acc.union(portConnections(port, dstPorts)), ConnectionSet.none());
}

/** One policy's verdicts: earlier rules take precedence over later ones. */
function policyVerdicts(indexed: IndexedAdmin, direction: 'Ingress' | 'Egress', peer: PeerView, dstPorts: readonly ContainerPort[] | undefined, selects?: (rule: AdminRule) => boolean): AdminVerdicts {
  const rules = direction === 'Ingress' ? indexed.policy.ingress : indexed.policy.egress;
  const ids = direction === 'Ingress' ? indexed.ingressPeerIds : indexed.egressPeerIds;
  let { allowed, denied, passed } = NOTHING;
  const hits: RuleHit[] = [];
  rules.forEach((rule, r) => {
    if (!(selects === undefined ? ruleSelects(rule, ids[r] ?? [], peer) : selects(rule))) return;
    const fresh = ruleConnections(rule, dstPorts).subtract(allowed).subtract(denied).subtract(passed);
    if (fresh.isEmpty()) return;
    hits.push({ policy: `${indexed.policy.baseline ? '[BANP]' : '[ANP]'} ${indexed.policy.name} (${rule.name}: ${rule.action})`, direction, rule: r + 1, conns: fresh });
    if (rule.action === 'Allow') allowed = allowed.union(fresh);
    else if (rule.action === 'Deny') denied = denied.union(fresh);
    else passed = passed.union(fresh);
  });
  return { allowed, denied, passed, hits };
}

/**
 * The admin policies selecting one pod, in priority order: a higher-precedence decision is never
 * overridden. `selects` replaces peer matching (exposure analysis matches potential peers by
 * their selectors, not by labels).
 */
export function adminVerdicts(
  policies: readonly IndexedAdmin[],
  direction: 'Ingress' | 'Egress',
  peer: PeerView,
  dstPorts: readonly ContainerPort[] | undefined,
  selects?: (rule: AdminRule) => boolean,
): AdminVerdicts {
  let acc = NOTHING;
  for (const indexed of policies) {
    const one = policyVerdicts(indexed, direction, peer, dstPorts, selects);
    const decided = acc.allowed.union(acc.denied).union(acc.passed);
    acc = {
      allowed: acc.allowed.union(one.allowed.subtract(decided)),
      denied: acc.denied.union(one.denied.subtract(decided)),
      passed: acc.passed.union(one.passed.subtract(decided)),
      // A hit explains only what its policy decides, not what a higher-priority one already did.
      hits: [...acc.hits, ...one.hits.map((h) => ({ ...h, conns: h.conns.subtract(decided) })).filter((h) => !h.conns.isEmpty())],
    };
  }
  return acc;
}

/**
 * Combines the tiers for one direction: ANP decisions stand; the rest (passed or unmatched) is
 * what the NetworkPolicies allow when any selects the pod, else what the baseline does not deny.
 */
export function combineTiers(admin: AdminVerdicts, networkPolicies: { captured: boolean; allowed: ConnectionSet }, baselineDenied: ConnectionSet): ConnectionSet {
  const open = ConnectionSet.all().subtract(admin.allowed).subtract(admin.denied);
  const rest = networkPolicies.captured ? open.intersect(networkPolicies.allowed) : open.subtract(baselineDenied);
  return admin.allowed.union(rest);
}
