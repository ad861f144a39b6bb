/**
 * The connectivity analysis over a whole cluster. Workloads are grouped into equivalence classes:
 * two workloads whose pods are selected by the same policies, are matched by the same rule peers
 * and resolve the same named ports are indistinguishable to every policy, so connections are
 * computed once per pair of classes (and each side once per distinct policy set) instead of once
 * per pair of workloads against every policy.
 */
import type { LabelSelector, Labels } from '../../lib/k8s/labels.js';
import { ConnectionSet } from './connections.js';
import { allowedBy, type IndexedPolicy, type PeerView, type SideResult } from './evaluate.js';
import { adminVerdicts, combineTiers, type IndexedAdmin } from './admin-evaluate.js';
import type { AdminPolicy } from './admin-model.js';
import type { IntervalSet } from './intervals.js';
import { disjointRanges, formatRanges, ALL_IPV4 } from './ip-blocks.js';
import type { Cluster, ContainerPort, NamespaceInfo, Workload } from './model.js';
import { workloadKey } from './model.js';
import { matches, selectorKey } from './selectors.js';
import { sparseClassPairs, type ClassPair } from './sparse-pairs.js';
import { NAMESPACE_NAME_LABEL } from './namespaces.js';

/** An endpoint of the connectivity list: a workload, or a range of external addresses. */
export type Endpoint =
  | { readonly kind: 'workload'; readonly key: string; readonly workload: Workload; readonly cls: EndpointClass }
  | { readonly kind: 'ip'; readonly key: string; readonly range: IntervalSet };

export interface EndpointClass {
  readonly id: number;
  readonly ingress: readonly IndexedPolicy[];
  readonly egress: readonly IndexedPolicy[];
  /** Admin policies whose subject is this pod and that have rules for the direction, by priority. */
  readonly adminIngress: readonly IndexedAdmin[];
  readonly adminEgress: readonly IndexedAdmin[];
  readonly baselineIngress: IndexedAdmin | undefined;
  readonly baselineEgress: IndexedAdmin | undefined;
  readonly ingressSig: string;
  readonly egressSig: string;
  readonly peerSig: string;
  readonly view: PeerView;
  /** The named container ports policies refer to; `portsId` is the same for equal lists. */
  readonly ports: readonly ContainerPort[];
  readonly portsId: number;
}

export interface Connection {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly conns: ConnectionSet;
}

interface PeerGroup {
  readonly id: number;
  /** Namespace constraint: one namespace (selector absent) or a namespace selector. */
  readonly namespace: string | undefined;
  readonly namespaceSelector: LabelSelector | undefined;
  readonly podSelector: LabelSelector | undefined;
}

/** Most memoised one-direction verdicts kept at once. */
const SIDE_CACHE_LIMIT = 200_000;

export class Analysis {
  readonly cluster: Cluster;
  readonly workloads: readonly Extract<Endpoint, { kind: 'workload' }>[];
  readonly srcRanges: readonly Extract<Endpoint, { kind: 'ip' }>[];
  readonly dstRanges: readonly Extract<Endpoint, { kind: 'ip' }>[];
  private readonly sideCache = new Map<string, SideResult>();

  private readonly indexed: readonly IndexedPolicy[];
  private readonly admin: readonly IndexedAdmin[];
  private readonly baseline: IndexedAdmin | undefined;
  private readonly groups: readonly PeerGroup[];
  private readonly namedPorts: ReadonlySet<string>;
  private readonly classes = new Map<string, EndpointClass>();
  private readonly portIds = new Map<string, number>();

  constructor(cluster: Cluster) {
    this.cluster = cluster;
    const { indexed, groups, admin, baseline } = indexPolicies(cluster);
    this.indexed = indexed;
    this.admin = admin;
    this.baseline = baseline;
    this.groups = groups;
    this.namedPorts = referencedPortNames(cluster);
    const matchedByWorkload = matchGroups(cluster, groups);
    this.workloads = cluster.workloads.map((workload, i) => ({
      kind: 'workload' as const,
      key: workloadKey(workload),
      workload,
      cls: this.classOf(workload, matchedByWorkload[i] ?? new Set<number>()),
    }));
    const ipEndpoint = (range: IntervalSet): Extract<Endpoint, { kind: 'ip' }> => ({ kind: 'ip', key: `${formatRanges(range)}[External]`, range });
    const externals = cluster.scope?.externals ?? true;
    this.srcRanges = externals ? disjointRanges(ipBlocksOf(cluster, 'ingress')).map(ipEndpoint) : [];
    this.dstRanges = externals ? disjointRanges(ipBlocksOf(cluster, 'egress')).map(ipEndpoint) : [];
  }

  /**
   * The class of a pod that is not among the cluster's workloads (the ingress controller
   * netpol-analyzer imagines), in a namespace that may not exist either.
   */
  classOfExtra(workload: Workload): EndpointClass {
    const labels = this.cluster.namespaces.get(workload.namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: workload.namespace };
    const matched = new Set<number>();
    for (const group of this.groups) {
      const nsOk = group.namespaceSelector === undefined ? group.namespace === workload.namespace : matches(group.namespaceSelector, labels);
      if (nsOk && (group.podSelector === undefined || matches(group.podSelector, workload.labels))) matched.add(group.id);
    }
    return this.classOf(workload, matched);
  }

  private classOf(workload: Workload, matched: Set<number>): EndpointClass {
    const nsLabels = this.cluster.namespaces.get(workload.namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: workload.namespace };
    const ingress = this.indexed.filter((p) => (p.policy.affectsIngress || p.policy.contributesIngress === true) && selects(p, workload, nsLabels));
    const egress = this.indexed.filter((p) => (p.policy.affectsEgress || p.policy.contributesEgress === true) && selects(p, workload, nsLabels));
    const subjectOf = (a: IndexedAdmin | undefined, rules: 'ingress' | 'egress'): boolean => a !== undefined && a.policy[rules].length > 0 && matched.has(a.subjectId);
    const adminIngress = this.admin.filter((a) => subjectOf(a, 'ingress'));
    const adminEgress = this.admin.filter((a) => subjectOf(a, 'egress'));
    const baselineIngress = subjectOf(this.baseline, 'ingress') ? this.baseline : undefined;
    const baselineEgress = subjectOf(this.baseline, 'egress') ? this.baseline : undefined;
    const ports = workload.ports.filter((p) => p.name !== undefined && this.namedPorts.has(p.name));
    const sig = (policies: readonly IndexedPolicy[], admins: readonly IndexedAdmin[], base: IndexedAdmin | undefined): string =>
      `${policies.map((p) => this.indexed.indexOf(p)).join(',')};${admins.map((a) => this.admin.indexOf(a)).join(',')};${base === undefined ? '' : 'b'}`;
    const ingressSig = sig(ingress, adminIngress, baselineIngress);
    const egressSig = sig(egress, adminEgress, baselineEgress);
    const portsText = JSON.stringify(ports);
    let portsId = this.portIds.get(portsText);
    if (portsId === undefined) {
      portsId = this.portIds.size;
      this.portIds.set(portsText, portsId);
    }
    // On a secondary network ipBlocks match pods by address, so the address is part of the view.
    const addresses = this.cluster.scope?.podAddresses === true ? workload.addresses : undefined;
    const peerSig = `${[...matched].sort((a, b) => a - b).join(',')}|${portsId}${addresses === undefined ? '' : `|${addresses.intervals.join(';')}`}`;
    const classKey = `${ingressSig}/${egressSig}/${peerSig}`;
    let cls = this.classes.get(classKey);
    if (cls === undefined) {
      cls = {
        id: this.classes.size,
        ingress,
        egress,
        adminIngress,
        adminEgress,
        baselineIngress,
        baselineEgress,
        ingressSig,
        egressSig,
        peerSig,
        view: { kind: 'pod', matchedPeers: matched, ports, ...(addresses === undefined ? {} : { addresses }) },
        ports,
        portsId,
      };
      this.classes.set(classKey, cls);
    }
    return cls;
  }

  /** Every allowed connection between two different endpoints (at least one a workload). */
  connections(): Connection[] {
    const out: Connection[] = [];
    if (this.workloads.length === 0) return out;
    const byClass = new Map<EndpointClass, Extract<Endpoint, { kind: 'workload' }>[]>();
    for (const w of this.workloads) {
      const list = byClass.get(w.cls);
      if (list === undefined) byClass.set(w.cls, [w]);
      else list.push(w);
    }
    // External ends: a class's verdict on a range depends only on its own policies (and named
    // ports), so classes sharing them are judged once.
    const judged = new Map<string, ConnectionSet[]>();
    for (const [cls, members] of byClass) {
      const inKey = `in|${cls.ingressSig}|${cls.portsId}`;
      let fromRanges = judged.get(inKey);
      if (fromRanges === undefined) {
        fromRanges = this.srcRanges.map((ip) => this.allowed(ip, cls));
        judged.set(inKey, fromRanges);
      }
      const outKey = `out|${cls.egressSig}`;
      let toRanges = judged.get(outKey);
      if (toRanges === undefined) {
        toRanges = this.dstRanges.map((ip) => this.allowed(cls, ip));
        judged.set(outKey, toRanges);
      }
      this.srcRanges.forEach((ip, i) => {
        const conns = fromRanges[i] as ConnectionSet;
        if (!conns.isEmpty()) for (const dst of members) out.push({ src: ip, dst, conns });
      });
      this.dstRanges.forEach((ip, i) => {
        const conns = toRanges[i] as ConnectionSet;
        if (!conns.isEmpty()) for (const src of members) out.push({ src, dst: ip, conns });
      });
    }
    for (const [srcCls, dstCls, conns] of this.classPairs([...byClass.keys()])) {
      const dstMembers = byClass.get(dstCls) ?? [];
      for (const src of byClass.get(srcCls) ?? []) for (const dst of dstMembers) if (src !== dst) out.push({ src, dst, conns });
    }
    return out;
  }

  /** Allowed connections between classes of workloads (non-empty only). */
  classPairs(classes: readonly EndpointClass[], pairwise = this.needsPairwise()): ClassPair[] {
    if (!pairwise) return sparseClassPairs(classes, (src, dst) => this.allowed(src, dst));
    const out: ClassPair[] = [];
    for (const src of classes) {
      for (const dst of classes) {
        const conns = this.allowed(src, dst);
        if (!conns.isEmpty()) out.push([src, dst, conns]);
      }
    }
    return out;
  }

  /**
   * The forward walk of sparse-pairs holds for NetworkPolicies and Cilium rules: admin tiers and
   * ipBlocks matching pods by address decide pairs no allow rule names, so those clusters are
   * judged pair by pair.
   */
  private needsPairwise(): boolean {
    return this.admin.length > 0 || this.baseline !== undefined || this.cluster.scope?.podAddresses === true;
  }

  /** Connections from src to dst: the source's egress intersected with the destination's ingress. */
  allowed(src: EndpointClass | Extract<Endpoint, { kind: 'ip' }>, dst: EndpointClass | Extract<Endpoint, { kind: 'ip' }>): ConnectionSet {
    const egress = this.side(src, dst, 'Egress');
    if (egress.conns.isEmpty()) return egress.conns;
    return egress.conns.intersect(this.side(src, dst, 'Ingress').conns);
  }

  /** One direction's verdict, memoised by the policy set on the deciding side and the far peer's view. */
  side(src: EndpointClass | Extract<Endpoint, { kind: 'ip' }>, dst: EndpointClass | Extract<Endpoint, { kind: 'ip' }>, direction: 'Ingress' | 'Egress', explain = false): SideResult {
    const deciding = direction === 'Egress' ? src : dst;
    const far = direction === 'Egress' ? dst : src;
    if (!('id' in deciding)) return { isolated: false, conns: ConnectionSet.all(), hits: [] };
    const policies = direction === 'Egress' ? deciding.egress : deciding.ingress;
    const dstPorts = 'id' in dst ? dst.ports : undefined;
    const farView: PeerView = 'id' in far ? far.view : { kind: 'ip', range: far.range };
    const sig = direction === 'Egress' ? deciding.egressSig : deciding.ingressSig;
    const farSig = 'id' in far ? far.peerSig : `ip:${far.key}`;
    const portsSig = 'id' in dst ? String(dst.portsId) : 'ip';
    const key = `${direction}|${sig}|${farSig}|${portsSig}`;
    let result = explain ? undefined : this.sideCache.get(key);
    if (result === undefined) {
      result = this.decide(deciding, direction, policies, farView, dstPorts, explain);
      if (!explain) {
        // Bounded memory on hostile inputs: a cache this large has stopped paying for itself.
        if (this.sideCache.size >= SIDE_CACHE_LIMIT) this.sideCache.clear();
        this.sideCache.set(key, result);
      }
    }
    return result;
  }

  /** One direction through the three tiers: admin policies, network policies, baseline. */
  private decide(
    deciding: EndpointClass,
    direction: 'Ingress' | 'Egress',
    policies: readonly IndexedPolicy[],
    far: PeerView,
    dstPorts: readonly ContainerPort[] | undefined,
    explain: boolean,
  ): SideResult {
    const np = allowedBy(policies, direction, far, dstPorts, explain);
    const admins = direction === 'Egress' ? deciding.adminEgress : deciding.adminIngress;
    const base = direction === 'Egress' ? deciding.baselineEgress : deciding.baselineIngress;
    if (admins.length === 0 && base === undefined) return np;
    const admin = adminVerdicts(admins, direction, far, dstPorts);
    const baseline = base === undefined ? undefined : adminVerdicts([base], direction, far, dstPorts);
    const conns = combineTiers(admin, { captured: policies.length > 0, allowed: np.conns }, baseline?.denied ?? ConnectionSet.none());
    const decided = !admin.allowed.isEmpty() || !admin.denied.isEmpty() || !admin.passed.isEmpty() || (baseline !== undefined && !baseline.denied.union(baseline.allowed).isEmpty());
    return { isolated: np.isolated || decided, conns, hits: [...admin.hits, ...np.hits, ...(baseline?.hits ?? [])], ...(np.denyHits === undefined ? {} : { denyHits: np.denyHits }) };
  }
}

function selects(indexed: IndexedPolicy, workload: Workload, namespaceLabels: Labels): boolean {
  const { policy } = indexed;
  const inScope = policy.subjectNamespaces === undefined ? policy.namespace === workload.namespace : matches(policy.subjectNamespaces, namespaceLabels);
  return inScope && matches(policy.podSelector, workload.labels);
}

function indexPolicies(cluster: Cluster): { indexed: IndexedPolicy[]; groups: PeerGroup[]; admin: IndexedAdmin[]; baseline: IndexedAdmin | undefined } {
  const groups: PeerGroup[] = [];
  const ids = new Map<string, number>();
  const idOf = (namespace: string | undefined, namespaceSelector: LabelSelector | undefined, podSelector: LabelSelector | undefined): number => {
    const key = JSON.stringify([namespace ?? null, namespaceSelector === undefined ? null : selectorKey(namespaceSelector), podSelector === undefined ? null : selectorKey(podSelector)]);
    let id = ids.get(key);
    if (id === undefined) {
      id = groups.length;
      ids.set(key, id);
      groups.push({ id, namespace, namespaceSelector, podSelector });
    }
    return id;
  };
  const indexed = [...cluster.policies, ...(cluster.cilium ?? [])].map((policy): IndexedPolicy => {
    const peerIds = (rules: typeof policy.ingress): number[][] =>
      rules.map((rule) =>
        (rule.peers ?? []).map((peer) =>
          peer.kind === 'ip' ? -1 : idOf(peer.namespaceSelector === undefined ? policy.namespace : undefined, peer.namespaceSelector, peer.podSelector),
        ),
      );
    const denies = policy.ingressDeny === undefined && policy.egressDeny === undefined ? {} : { ingressDenyPeerIds: peerIds(policy.ingressDeny ?? []), egressDenyPeerIds: peerIds(policy.egressDeny ?? []) };
    return { policy, ingressPeerIds: peerIds(policy.ingress), egressPeerIds: peerIds(policy.egress), ...denies };
  });
  const indexAdmin = (policy: AdminPolicy): IndexedAdmin => {
    const peerIds = (rules: AdminPolicy['ingress']): number[][] =>
      rules.map((rule) => rule.peers.map((peer) => (peer.kind === 'pods' ? idOf(undefined, peer.namespaceSelector, peer.podSelector) : -1)));
    return {
      policy,
      subjectId: idOf(undefined, policy.subject.namespaceSelector, policy.subject.podSelector),
      ingressPeerIds: peerIds(policy.ingress),
      egressPeerIds: peerIds(policy.egress),
    };
  };
  const admin = cluster.admin.map(indexAdmin);
  const baseline = cluster.baseline === undefined ? undefined : indexAdmin(cluster.baseline);
  return { indexed, groups, admin, baseline };
}

/** For each workload, the peer groups whose selectors match it. */
function matchGroups(cluster: Cluster, groups: readonly PeerGroup[]): Set<number>[] {
  const out = cluster.workloads.map(() => new Set<number>());
  const byNamespace = new Map<string, number[]>();
  cluster.workloads.forEach((w, i) => {
    const list = byNamespace.get(w.namespace);
    if (list === undefined) byNamespace.set(w.namespace, [i]);
    else list.push(i);
  });
  for (const group of groups) {
    for (const [namespace, members] of byNamespace) {
      if (!namespaceMatches(group, cluster.namespaces.get(namespace), namespace)) continue;
      for (const i of members) {
        const w = cluster.workloads[i] as Workload;
        if (group.podSelector === undefined || matches(group.podSelector, w.labels)) out[i]?.add(group.id);
      }
    }
  }
  return out;
}

function namespaceMatches(group: PeerGroup, info: NamespaceInfo | undefined, namespace: string): boolean {
  if (group.namespaceSelector === undefined) return group.namespace === namespace;
  return matches(group.namespaceSelector, info?.labels ?? {});
}

function referencedPortNames(cluster: Cluster): Set<string> {
  const names = new Set<string>();
  for (const policy of [...cluster.policies, ...(cluster.cilium ?? [])]) {
    for (const rule of [...policy.ingress, ...policy.egress, ...(policy.ingressDeny ?? []), ...(policy.egressDeny ?? [])]) for (const port of rule.ports ?? []) if (port.kind === 'named') names.add(port.name);
  }
  for (const policy of adminPoliciesOf(cluster)) {
    for (const rule of [...policy.ingress, ...policy.egress]) for (const port of rule.ports ?? []) if (port.kind === 'named') names.add(port.name);
  }
  return names;
}

function adminPoliciesOf(cluster: Cluster): AdminPolicy[] {
  return cluster.baseline === undefined ? [...cluster.admin] : [...cluster.admin, cluster.baseline];
}

/** The ipBlocks (and admin `networks`, egress only) of every policy rule of one direction, plus the whole IPv4 space. */
function ipBlocksOf(cluster: Cluster, direction: 'ingress' | 'egress'): IntervalSet[] {
  const blocks: IntervalSet[] = [ALL_IPV4];
  const deny = direction === 'ingress' ? 'ingressDeny' : 'egressDeny';
  for (const policy of [...cluster.policies, ...(cluster.cilium ?? [])]) {
    for (const rule of [...policy[direction], ...(policy[deny] ?? [])]) for (const peer of rule.peers ?? []) if (peer.kind === 'ip') blocks.push(peer.block);
  }
  for (const policy of adminPoliciesOf(cluster)) {
    for (const rule of policy[direction]) for (const peer of rule.peers) if (peer.kind === 'ip' && !peer.block.isEmpty()) blocks.push(peer.block);
  }
  return blocks;
}
