/**
 * What a policy's selectors match in the input: the pods it selects, and for each rule peer the
 * namespaces and pods it stands for. Read with the analysis's own cluster model (the same
 * workloads, the same namespace labels including kubernetes.io/metadata.name), so "matches
 * nothing" here means exactly that no endpoint of `netpol list` is matched.
 */
import type { LabelSelector } from '../../../lib/k8s/labels.js';
import type { Cluster, NetworkPolicy, PolicyRule, RulePeer, Workload } from '../model.js';
import { matches, selectorKey } from '../selectors.js';

export interface DeadPeer {
  readonly direction: 'ingress' | 'egress';
  /** 0-based rule and peer index (for JSON pointers). */
  readonly rule: number;
  readonly peer: number;
  /** Which selector matches nothing: the namespaces, or the pods in the namespaces that match. */
  readonly what: 'namespaces' | 'pods';
  readonly field: 'namespaceSelector' | 'podSelector';
}

export class PolicyUsage {
  private readonly byNamespace = new Map<string, Workload[]>();
  private readonly cluster: Cluster;
  /** Verdicts by selector text: generated and templated policies repeat the same peers many times. */
  private readonly namespaceCache = new Map<string, string[]>();
  private readonly deadCache = new Map<string, Pick<DeadPeer, 'what' | 'field'> | null>();

  constructor(cluster: Cluster) {
    this.cluster = cluster;
    for (const w of cluster.workloads) {
      const list = this.byNamespace.get(w.namespace);
      if (list === undefined) this.byNamespace.set(w.namespace, [w]);
      else list.push(w);
    }
  }

  /** Whether the input holds any workload of the namespace. */
  hasWorkloadsIn(namespace: string): boolean {
    return this.byNamespace.has(namespace);
  }

  /** Whether the input holds any workload at all. */
  hasWorkloads(): boolean {
    return this.byNamespace.size > 0;
  }

  /** The workloads (pod templates) a policy selects: same namespace, labels matching its podSelector. */
  selected(policy: NetworkPolicy): Workload[] {
    return (this.byNamespace.get(policy.namespace) ?? []).filter((w) => matches(policy.podSelector, w.labels));
  }

  /**
   * The workloads an egress rule's peers select (every workload for a rule without peers);
   * undefined when the rule's only peers are ipBlocks.
   */
  peerWorkloads(policy: NetworkPolicy, rule: PolicyRule): Workload[] | undefined {
    if (rule.peers === undefined) return [...this.cluster.workloads];
    const pods = rule.peers.filter((p) => p.kind === 'pods');
    if (pods.length === 0) return undefined;
    const out = new Set<Workload>();
    for (const peer of pods) {
      for (const ns of this.namespacesOf(policy, peer.namespaceSelector)) {
        for (const w of this.byNamespace.get(ns) ?? []) if (peer.podSelector === undefined || matches(peer.podSelector, w.labels)) out.add(w);
      }
    }
    return [...out];
  }

  /** Peers of the policy's rules that match no namespace, or no pod of the namespaces they match. ipBlocks always match addresses. */
  deadPeers(policy: NetworkPolicy): DeadPeer[] {
    const out: DeadPeer[] = [];
    for (const direction of ['ingress', 'egress'] as const) {
      policy[direction].forEach((rule, r) => {
        (rule.peers ?? []).forEach((peer, p) => {
          const dead = this.deadness(policy, peer);
          if (dead !== undefined) out.push({ direction, rule: r, peer: p, ...dead });
        });
      });
    }
    return out;
  }

  private deadness(policy: NetworkPolicy, peer: RulePeer): Pick<DeadPeer, 'what' | 'field'> | undefined {
    if (peer.kind === 'ip') return undefined;
    const key = `${peer.namespaceSelector === undefined ? `ns:${policy.namespace}` : selectorKey(peer.namespaceSelector)}|${peer.podSelector === undefined ? '' : selectorKey(peer.podSelector)}`;
    const cached = this.deadCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const verdict = this.judgePeer(policy, peer);
    this.deadCache.set(key, verdict ?? null);
    return verdict;
  }

  private judgePeer(policy: NetworkPolicy, peer: Extract<RulePeer, { kind: 'pods' }>): Pick<DeadPeer, 'what' | 'field'> | undefined {
    const namespaces = this.namespacesOf(policy, peer.namespaceSelector);
    if (namespaces.length === 0) return { what: 'namespaces', field: 'namespaceSelector' };
    const podSelector: LabelSelector = peer.podSelector ?? {};
    const anyPod = namespaces.some((ns) => (this.byNamespace.get(ns) ?? []).some((w) => matches(podSelector, w.labels)));
    if (anyPod) return undefined;
    return { what: 'pods', field: peer.podSelector === undefined ? 'namespaceSelector' : 'podSelector' };
  }

  /** Namespaces a peer reaches into: the policy's own without a namespaceSelector, else those the selector matches. */
  private namespacesOf(policy: NetworkPolicy, selector: LabelSelector | undefined): string[] {
    if (selector === undefined) return [policy.namespace];
    const key = selectorKey(selector);
    let names = this.namespaceCache.get(key);
    if (names === undefined) {
      names = [...this.cluster.namespaces.values()].filter((ns) => matches(selector, ns.labels)).map((ns) => ns.name);
      this.namespaceCache.set(key, names);
    }
    return names;
  }
}
