/**
 * Exposure analysis (netpol-analyzer's `--exposure`): beyond the connections between workloads
 * that exist, what each workload is open to or may reach in pods that do not exist (yet). Every
 * rule peer whose selectors name pods or namespaces by labels becomes a representative peer
 * ("[namespace with {...}]/[pod with {...}]"); rules open to every namespace make a workload
 * exposed to `entire-cluster`; a workload no policy selects in a direction is exposed to the
 * entire cluster and every address in that direction. NetworkPolicies only: admin tiers are not
 * folded into exposure yet.
 */
import type { LabelSelector } from '../../lib/k8s/labels.js';
import type { Analysis, Endpoint, EndpointClass } from './analysis.js';
import { adminVerdicts, combineTiers, type IndexedAdmin } from './admin-evaluate.js';
import type { AdminRule } from './admin-model.js';

type Workload = Extract<Endpoint, { kind: 'workload' }>;
import { ConnectionSet, type Protocol } from './connections.js';
import type { IndexedPolicy } from './evaluate.js';
import { IntervalSet } from './intervals.js';
import type { ConnLine } from './format.js';
import type { ContainerPort, NetworkPolicy, PolicyRule, RulePeer } from './model.js';
import { namedPortConnections } from './named-ports.js';
import { NAMESPACE_NAME_LABEL } from './namespaces.js';
import { matches, selectorKey } from './selectors.js';

/**
 * Ports of a connection to a peer that does not exist: named ports stay names. An admin
 * policy's named port carries no protocol (key ''): netpol-analyzer prints it after an empty
 * protocol, as " name".
 */
export interface PotentialConns {
  readonly conns: ConnectionSet;
  readonly names: ReadonlyMap<Protocol | '', ReadonlySet<string>>;
}

export interface ExposureLine {
  /** The real workload. */
  readonly workload: string;
  /** `entire-cluster`, a representative peer, or an address range. */
  readonly other: string;
  readonly conn: string;
  /** The connections the line stands for (named ports left out), for focusing on one port. */
  readonly conns: ConnectionSet;
}

export interface Exposure {
  readonly egress: readonly ExposureLine[];
  readonly ingress: readonly ExposureLine[];
  /** "ns/name[Kind] is not protected on Egress|Ingress", sorted. */
  readonly unprotected: readonly string[];
}

interface Representative {
  /** The namespace it stands in when it came from a rule without namespaceSelector. */
  readonly namespace: string | undefined;
  readonly namespaceSelector: LabelSelector;
  readonly podSelector: LabelSelector | undefined;
  readonly text: string;
}

export const ENTIRE_CLUSTER = 'entire-cluster';
const STRANGER_NAMESPACE = 'entire-cluster-representative';

/** Whether an admin rule names the representative (same selectors, or selectors that take all). */
function adminRuleSelectsRepresentative(rule: AdminRule, rep: Representative): boolean {
  return rule.peers.some((peer) => peer.kind === 'pods' && fullMatch(peer.namespaceSelector, rep.namespaceSelector) && (peer.podSelector === undefined || fullMatch(peer.podSelector, rep.podSelector)));
}

/** A representative's connections once admin tiers select the workload. */
function repThroughAdminTiers(w: Workload, direction: 'Ingress' | 'Egress', npCaptured: boolean, npConns: ConnectionSet, rep: Representative, stranger: EndpointClass): ConnectionSet {
  const admins = direction === 'Egress' ? w.cls.adminEgress : w.cls.adminIngress;
  const base = direction === 'Egress' ? w.cls.baselineEgress : w.cls.baselineIngress;
  const dstPorts = direction === 'Ingress' ? w.workload.ports : [];
  const selects = (rule: AdminRule): boolean => adminRuleSelectsRepresentative(rule, rep);
  const admin = adminVerdicts(admins, direction, stranger.view, dstPorts, selects);
  const baseline = base === undefined ? ConnectionSet.none() : adminVerdicts([base], direction, stranger.view, dstPorts, selects).denied;
  return combineTiers(admin, { captured: npCaptured, allowed: npConns }, baseline);
}

/**
 * The entire-cluster exposure once admin tiers select the workload: what admin policies decide for
 * a pod they do not name (only "all namespaces" rules reach it), then the NetworkPolicies'
 * cluster-wide rules for what they pass or leave open, else what the baseline does not deny.
 */
function throughAdminTiers(w: Workload, direction: 'Ingress' | 'Egress', npCaptured: boolean, npCluster: ConnectionSet, stranger: EndpointClass): ConnectionSet {
  const admins = direction === 'Egress' ? w.cls.adminEgress : w.cls.adminIngress;
  const base = direction === 'Egress' ? w.cls.baselineEgress : w.cls.baselineIngress;
  const dstPorts = direction === 'Ingress' ? w.workload.ports : stranger.ports;
  const admin = adminVerdicts(admins, direction, stranger.view, dstPorts);
  const baseline = base === undefined ? ConnectionSet.none() : adminVerdicts([base], direction, stranger.view, dstPorts).denied;
  return combineTiers(admin, { captured: npCaptured, allowed: npCluster }, baseline);
}

/**
 * Named ports admin Allow rules open on egress towards the peers `selects` accepts: the
 * destination is not a real pod, so they stay names (without a protocol: an admin named port has
 * none).
 */
function adminNamedPorts(admins: readonly IndexedAdmin[], direction: 'Ingress' | 'Egress', selects: (rule: AdminRule) => boolean): PotentialConns {
  if (direction !== 'Egress') return NOTHING;
  const names = new Set<string>();
  for (const { policy } of admins) {
    for (const rule of policy.egress) {
      if (rule.action !== 'Allow' || !selects(rule)) continue;
      for (const port of rule.ports ?? []) if (port.kind === 'named') names.add(port.name);
    }
  }
  return names.size === 0 ? NOTHING : { conns: ConnectionSet.none(), names: new Map([['', names]]) };
}

/** Whether an admin rule is open to every namespace (`namespaces: {}`). */
const toEveryNamespace = (rule: AdminRule): boolean => rule.peers.some((p) => p.kind === 'pods' && isEmpty(p.namespaceSelector) && isEmpty(p.podSelector));

const isEmpty = (s: LabelSelector | undefined): boolean => s === undefined || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0);

function isEntireCluster(peer: Extract<RulePeer, { kind: 'pods' }>): boolean {
  return peer.namespaceSelector !== undefined && isEmpty(peer.namespaceSelector) && isEmpty(peer.podSelector);
}

/** Go's rendering of a selector in netpol-analyzer's exposure output. */
function selectorText(s: LabelSelector): string {
  const labels = Object.entries(s.matchLabels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const exprs = (s.matchExpressions ?? []).map((e) => `{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],}`).sort();
  return [labels, ...exprs].filter((p) => p !== '').join(',');
}

function representativeText(namespaceSelector: LabelSelector, podSelector: LabelSelector | undefined): string {
  const labels = namespaceSelector.matchLabels ?? {};
  const name = labels[NAMESPACE_NAME_LABEL];
  let ns: string;
  if (name !== undefined && Object.keys(labels).length === 1 && (namespaceSelector.matchExpressions ?? []).length === 0) ns = name;
  else ns = isEmpty(namespaceSelector) ? '[all namespaces]' : `[namespace with {${selectorText(namespaceSelector)}}]`;
  const pods = isEmpty(podSelector) ? '[all pods]' : `[pod with {${selectorText(podSelector ?? {})}}]`;
  return `${ns}/${pods}`;
}

function representatives(analysis: Analysis): Representative[] {
  const out = new Map<string, Representative>();
  const policyRules = (p: NetworkPolicy): PolicyRule[] => [...(p.affectsIngress ? p.ingress : []), ...(p.affectsEgress ? p.egress : [])];
  for (const policy of analysis.cluster.policies) {
    for (const rule of policyRules(policy)) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind !== 'pods' || isEntireCluster(peer)) continue;
        const namespaceSelector = peer.namespaceSelector ?? { matchLabels: { [NAMESPACE_NAME_LABEL]: policy.namespace } };
        const key = `${selectorKey(namespaceSelector)}/${isEmpty(peer.podSelector) ? '' : selectorKey(peer.podSelector ?? {})}`;
        if (out.has(key)) continue;
        out.set(key, {
          namespace: peer.namespaceSelector === undefined ? policy.namespace : undefined,
          namespaceSelector,
          podSelector: peer.podSelector,
          text: representativeText(namespaceSelector, peer.podSelector),
        });
      }
    }
  }
  for (const policy of [...analysis.cluster.admin, ...(analysis.cluster.baseline === undefined ? [] : [analysis.cluster.baseline])]) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        if (peer.kind !== 'pods' || (isEmpty(peer.namespaceSelector) && isEmpty(peer.podSelector))) continue;
        const key = `${selectorKey(peer.namespaceSelector)}/${isEmpty(peer.podSelector) ? '' : selectorKey(peer.podSelector ?? {})}`;
        if (out.has(key)) continue;
        out.set(key, { namespace: undefined, namespaceSelector: peer.namespaceSelector, podSelector: peer.podSelector, text: representativeText(peer.namespaceSelector, peer.podSelector) });
      }
    }
  }
  // A representative with plain label selectors (a named set of namespaces, not all of them) that
  // a real workload satisfies stands for nothing new.
  return [...out.values()].filter((rep) => {
    const simple = (rep.namespaceSelector.matchExpressions ?? []).length === 0 && (rep.podSelector?.matchExpressions ?? []).length === 0 && !isEmpty(rep.podSelector) && !isEmpty(rep.namespaceSelector);
    if (!simple) return true;
    return !analysis.workloads.some(
      (w) => matches(rep.podSelector ?? {}, w.workload.labels) && matches(rep.namespaceSelector, analysis.cluster.namespaces.get(w.workload.namespace)?.labels ?? {}),
    );
  });
}

/** Whether a rule selector names the representative's selector (netpol-analyzer: the same requirements, or the rule's selects all). */
function fullMatch(rule: LabelSelector, rep: LabelSelector | undefined): boolean {
  return isEmpty(rule) || selectorKey(rule) === selectorKey(rep ?? {});
}

function ruleSelectsRepresentative(policy: NetworkPolicy, rule: PolicyRule, rep: Representative): boolean {
  if (rule.peers === undefined) return true;
  return rule.peers.some((peer) => {
    if (peer.kind !== 'pods') return false;
    const nsOk = peer.namespaceSelector === undefined ? rep.namespace === policy.namespace : fullMatch(peer.namespaceSelector, rep.namespaceSelector);
    return nsOk && (peer.podSelector === undefined || fullMatch(peer.podSelector, rep.podSelector));
  });
}

function ruleIsEntireCluster(rule: PolicyRule): boolean {
  return rule.peers === undefined || rule.peers.some((p) => p.kind === 'pods' && isEntireCluster(p));
}

/** A rule's connections; named ports resolve against `dstPorts`, or stay names when the destination is not real. */
function potential(rule: PolicyRule, dstPorts: readonly ContainerPort[] | undefined): PotentialConns {
  if (rule.ports === undefined) return { conns: ConnectionSet.all(), names: new Map() };
  let conns = ConnectionSet.none();
  const names = new Map<Protocol, Set<string>>();
  for (const port of rule.ports) {
    if (port.kind === 'all') conns = conns.union(ConnectionSet.of(port.protocol, IntervalSet.of(1, 65535)));
    else if (port.kind === 'range') conns = conns.union(ConnectionSet.of(port.protocol, IntervalSet.of(port.start, port.end)));
    else if (dstPorts === undefined) names.set(port.protocol, new Set([...(names.get(port.protocol) ?? []), port.name]));
    else {
      conns = conns.union(namedPortConnections(dstPorts, port.name, port.protocol));
    }
  }
  return { conns, names };
}

function unite(a: PotentialConns, b: PotentialConns): PotentialConns {
  const names = new Map<Protocol | '', Set<string>>();
  for (const m of [a.names, b.names]) for (const [p, set] of m) names.set(p, new Set([...(names.get(p) ?? []), ...set]));
  return { conns: a.conns.union(b.conns), names };
}

const NOTHING: PotentialConns = { conns: ConnectionSet.none(), names: new Map() };

function text(p: PotentialConns): string {
  if (p.names.size === 0 || p.conns.isAll()) return p.conns.toString();
  const parts: string[] = [];
  for (const protocol of ['', 'TCP', 'UDP', 'SCTP'] as const) {
    const ranges = protocol === '' ? [] : p.conns.portsOf(protocol).intervals.map(([s, e]) => (s === e ? String(s) : `${s}-${e}`));
    const names = [...(p.names.get(protocol) ?? [])].sort();
    if (ranges.length + names.length > 0) parts.push(`${protocol} ${[...ranges, ...names].join(',')}`);
  }
  return parts.sort().join(',');
}

function isEmptyPotential(p: PotentialConns): boolean {
  return p.conns.isEmpty() && [...p.names.values()].every((s) => s.size === 0);
}

export function exposureAnalysis(analysis: Analysis, lines: readonly (ConnLine & { readonly conns: ConnectionSet })[]): Exposure {
  const reps = representatives(analysis);
  const egress: ExposureLine[] = [];
  const ingress: ExposureLine[] = [];
  const unprotected: string[] = [];
  const workloads = analysis.workloads;
  // A pod with no labels in a namespace nothing names: what only "every namespace" rules reach.
  const stranger = analysis.classOfExtra({ namespace: STRANGER_NAMESPACE, name: 'any', kind: 'Pod', labels: {}, ports: [], hostNetwork: false, resources: [] });
  for (const w of workloads) {
    for (const direction of ['Egress', 'Ingress'] as const) {
      const policies: readonly IndexedPolicy[] = direction === 'Egress' ? w.cls.egress : w.cls.ingress;
      const into = direction === 'Egress' ? egress : ingress;
      const ipLines = lines.filter((l) => (direction === 'Egress' ? l.src === w.key && l.dst.endsWith('[External]') : l.dst === w.key && l.src.endsWith('[External]')));
      for (const l of ipLines) into.push({ workload: w.key, other: direction === 'Egress' ? l.dst : l.src, conn: l.conn, conns: l.conns });
      const admins = direction === 'Egress' ? [...w.cls.adminEgress, ...(w.cls.baselineEgress === undefined ? [] : [w.cls.baselineEgress])] : [...w.cls.adminIngress, ...(w.cls.baselineIngress === undefined ? [] : [w.cls.baselineIngress])];
      // A Cilium policy that only adds deny rules (enableDefaultDeny: false) leaves the pod unprotected.
      const isolating = policies.some((p) => (direction === 'Egress' ? p.policy.affectsEgress : p.policy.affectsIngress));
      if (!isolating && admins.length === 0) {
        into.push({ workload: w.key, other: ENTIRE_CLUSTER, conn: 'All Connections', conns: ConnectionSet.all() });
        unprotected.push(`${w.key} is not protected on ${direction}`);
        continue;
      }
      const dstPorts = direction === 'Ingress' ? w.workload.ports : undefined;
      const rulesOf = (p: IndexedPolicy): readonly PolicyRule[] => (direction === 'Egress' ? p.policy.egress : p.policy.ingress);
      let cluster = NOTHING;
      for (const p of policies) for (const rule of rulesOf(p)) if (ruleIsEntireCluster(rule)) cluster = unite(cluster, potential(rule, dstPorts));
      if (admins.length > 0) cluster = unite({ conns: throughAdminTiers(w, direction, policies.length > 0, cluster.conns, stranger), names: cluster.names }, adminNamedPorts(admins, direction, toEveryNamespace));
      if (!isEmptyPotential(cluster)) into.push({ workload: w.key, other: ENTIRE_CLUSTER, conn: text(cluster), conns: cluster.conns });
      for (const rep of reps) {
        let conns = NOTHING;
        for (const p of policies) for (const rule of rulesOf(p)) if (ruleSelectsRepresentative(p.policy, rule, rep)) conns = unite(conns, potential(rule, dstPorts));
        if (admins.length > 0) {
          const exact = repThroughAdminTiers(w, direction, policies.length > 0, conns.conns, rep, stranger);
          const repNames = adminNamedPorts(admins, direction, (rule) => adminRuleSelectsRepresentative(rule, rep) && !toEveryNamespace(rule));
          // An admin rule naming this peer carves it out of the entire-cluster exposure: show what is left, even nothing.
          const named = admins.some((a) => (direction === 'Egress' ? a.policy.egress : a.policy.ingress).some((rule) => adminRuleSelectsRepresentative(rule, rep)));
          if (named && !exact.equals(cluster.conns) && exact.isSubsetOf(cluster.conns)) {
            into.push({ workload: w.key, other: rep.text, conn: text({ conns: exact, names: repNames.names }), conns: exact });
            continue;
          }
          conns = unite({ conns: exact, names: conns.names }, repNames);
        }
        if (isEmptyPotential(conns)) continue;
        // What the entire cluster may already do says all there is to say about this peer.
        if (!isEmptyPotential(cluster) && conns.conns.isSubsetOf(cluster.conns) && [...conns.names].every(([pr, s]) => [...s].every((n) => cluster.names.get(pr)?.has(n) === true))) continue;
        into.push({ workload: w.key, other: rep.text, conn: text(conns), conns: conns.conns });
      }
    }
  }
  return { egress, ingress, unprotected: unprotected.sort() };
}
