/** The analysed cluster: workloads reduced to one representative pod, namespaces, policies. */
import type { LabelSelector, Labels } from '../../lib/k8s/labels.js';
import type { Resource } from '../../model/resource.js';
import type { IntervalSet } from './intervals.js';
import type { Protocol } from './connections.js';
import type { AdminPolicy } from './admin-model.js';

export interface ContainerPort {
  readonly name: string | undefined;
  readonly port: number;
  readonly protocol: Protocol;
}

/** A workload (owner of pods) as one endpoint: `namespace/name[Kind]`. */
export interface Workload {
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  /**
   * Secondary networks the pods ask for (the `k8s.v1.cni.cncf.io/networks` annotation, or a
   * VirtualMachine's multus networks), each as the NetworkAttachmentDefinition it names.
   */
  readonly attachments?: readonly NetworkAttachmentRef[];
  /** Addresses declared for the pods on secondary networks (annotation `ips`, VM cloud-init), which MultiNetworkPolicy ipBlocks match. */
  readonly addresses?: IntervalSet;
  /** The objects it was built from (a workload object, or the pods of one owner). */
  readonly resources: readonly Resource[];
}

/** A NetworkAttachmentDefinition named by a pod: `namespace/name`, the namespace defaulting to the pod's. */
export interface NetworkAttachmentRef {
  readonly namespace: string;
  readonly name: string;
}

export interface NamespaceInfo {
  readonly name: string;
  readonly labels: Labels;
}

export type RulePeer =
  | { readonly kind: 'pods'; readonly podSelector: LabelSelector | undefined; readonly namespaceSelector: LabelSelector | undefined }
  | { readonly kind: 'ip'; readonly block: IntervalSet; readonly text: string };

export type RulePort =
  | { readonly kind: 'all'; readonly protocol: Protocol }
  | { readonly kind: 'range'; readonly protocol: Protocol; readonly start: number; readonly end: number }
  | { readonly kind: 'named'; readonly protocol: Protocol; readonly name: string };

export interface PolicyRule {
  /** Undefined: the rule applies to every peer (from/to absent or empty). Empty: to none (a Cilium rule naming no peer). */
  readonly peers: readonly RulePeer[] | undefined;
  /** Undefined: every port of every protocol. */
  readonly ports: readonly RulePort[] | undefined;
}

export interface NetworkPolicy {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  /** Whether the policy isolates the pods it selects in that direction (default deny). */
  readonly affectsIngress: boolean;
  readonly affectsEgress: boolean;
  readonly resource: Resource;
  /**
   * Cilium only. A clusterwide policy selects pods in every namespace these labels match
   * (undefined: only pods of `namespace`).
   */
  readonly subjectNamespaces?: LabelSelector;
  /** Cilium only: rules whose matches are denied whatever any policy allows. */
  readonly ingressDeny?: readonly PolicyRule[];
  readonly egressDeny?: readonly PolicyRule[];
  /** Cilium only: the policy takes part in a direction (allow or deny rules) without isolating it. */
  readonly contributesIngress?: boolean;
  readonly contributesEgress?: boolean;
  /** Which API the policy came from: named ports towards addresses are an error only for NetworkPolicies. */
  readonly origin?: 'cilium';
}

export interface Cluster {
  readonly workloads: readonly Workload[];
  readonly namespaces: ReadonlyMap<string, NamespaceInfo>;
  readonly policies: readonly NetworkPolicy[];
  /** AdminNetworkPolicies sorted by priority (first takes precedence). */
  readonly admin: readonly AdminPolicy[];
  readonly baseline: AdminPolicy | undefined;
  /** CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy rules, in NetworkPolicy terms (enforced together with the NetworkPolicies). */
  readonly cilium?: readonly NetworkPolicy[];
  /** What the input holds that the analysis does not model (L7 rules, host entities, ...), one sentence each. */
  readonly notes?: readonly string[];
  /**
   * How the analysed network treats addresses. The pod network and primary user-defined
   * networks reach external addresses; a secondary network (NetworkAttachmentDefinition) is
   * closed, and there ipBlocks match the pods' own secondary addresses instead.
   */
  readonly scope?: NetworkScope;
}

export interface NetworkScope {
  readonly externals: boolean;
  readonly podAddresses: boolean;
}

export function workloadKey(w: Pick<Workload, 'namespace' | 'name' | 'kind'>): string {
  return `${w.namespace}/${w.name}[${w.kind}]`;
}
