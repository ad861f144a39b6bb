/** AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) as analysed. */
import type { LabelSelector } from '../../lib/k8s/labels.js';
import type { Resource } from '../../model/resource.js';
import type { Protocol } from './connections.js';
import type { IntervalSet } from './intervals.js';

export type AdminAction = 'Allow' | 'Deny' | 'Pass';

/** Pods in namespaces matching `namespaceSelector` whose labels match `podSelector` (undefined: every pod). */
export interface AdminPodsPeer {
  readonly kind: 'pods';
  readonly namespaceSelector: LabelSelector;
  readonly podSelector: LabelSelector | undefined;
}

export type AdminPeer = AdminPodsPeer | { readonly kind: 'ip'; readonly block: IntervalSet } | { readonly kind: 'unsupported'; readonly what: string };

export type AdminPort =
  | { readonly kind: 'range'; readonly protocol: Protocol; readonly start: number; readonly end: number }
  | { readonly kind: 'named'; readonly name: string };

export interface AdminRule {
  readonly name: string;
  readonly action: AdminAction;
  readonly peers: readonly AdminPeer[];
  /** Undefined: every port of every protocol. */
  readonly ports: readonly AdminPort[] | undefined;
}

export interface AdminPolicy {
  readonly name: string;
  /** BaselineAdminNetworkPolicy: decides only what network policies leave open, and cannot pass. */
  readonly baseline: boolean;
  readonly priority: number;
  readonly subject: AdminPodsPeer;
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
  readonly resource: Resource;
}
