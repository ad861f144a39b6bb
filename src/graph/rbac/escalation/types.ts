/**
 * The escalation graph: nodes are identities and what they can reach, edges say "X can become or
 * obtain Y", each with the RBAC evidence that allows it. The JSON form is stable input for the
 * attack-graph analysis.
 */
/** `hub`: a set of identities reached together (any ServiceAccount of a namespace, the pods of a namespace, any user). */
export type NodeKind = 'user' | 'group' | 'serviceaccount' | 'hub' | 'role' | 'namespace-admin' | 'cluster-admin' | 'secrets' | 'nodes' | 'node';

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  /** A cluster component or default (bootstrap) identity: paths from it are expected, not user risks. */
  readonly system: boolean;
}

export type EdgeKind =
  | 'create-pod'
  | 'privileged-pod'
  | 'request-token'
  | 'read-token-secret'
  | 'create-token-secret'
  | 'read-secrets'
  | 'impersonate'
  | 'bind'
  | 'escalate'
  | 'exec'
  | 'kubelet-proxy'
  | 'kubelet-exec'
  | 'csr-approve'
  | 'holds'
  | 'masters'
  /** From a hub to one of the identities it stands for. */
  | 'member';

/** Where a permission comes from: the binding, the role, the rule and its place in the input. */
export interface Evidence {
  readonly verb: string;
  readonly resource: string;
  readonly binding?: string;
  readonly role?: string;
  /** The role the rule was written in (differs from `role` for aggregated ClusterRoles). */
  readonly ruleOf?: string;
  readonly rulePath?: string;
  readonly file?: string;
  readonly line?: number;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** One sentence: how the step is taken. */
  readonly explanation: string;
  readonly evidence: readonly Evidence[];
}

export interface EscalationGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}
