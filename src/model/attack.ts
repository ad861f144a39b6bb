/**
 * The attack graph: how an attacker moves from an entry point (the internet, a breached pod, an
 * external identity) to a crown jewel (cluster-admin, secrets, nodes ...) across network reach,
 * exploitable vulnerabilities, stolen tokens, RBAC and container escapes, and the cheapest set of
 * fixes that cuts every such path. Pure data: the JSON output of `palisade attack-paths` is exactly
 * `AttackPathsResult` (schemas/attack-paths.schema.json).
 */
import type { ResourceRef } from './resource.js';

/**
 * Semantic: the major part changes with any incompatible change to AttackPathsResult, the minor
 * part with an addition (1.1.0: `evidence.mount`, per-Secret `secret` nodes, `remove-verb` fixes).
 */
export const ATTACK_PATHS_SCHEMA_VERSION = '1.1.0';

export const ATTACK_NODE_KINDS = [
  'internet',
  'identity',
  'workload',
  'vulnerable-service',
  'serviceaccount',
  'token',
  'permission',
  'secret',
  'node',
  'cluster-admin',
  'namespace-admin',
  'network',
] as const;
/**
 * - internet: any address outside the cluster;
 * - identity: a named external user or group (from RBAC bindings);
 * - workload: the pods of one template (a Deployment's pods are one node, `replicas` says how many);
 * - vulnerable-service: an exposed container whose image has a remote-code-execution-class CVE;
 * - serviceaccount / token: a ServiceAccount, and its token as a thief holds it;
 * - permission: an RBAC hub (holder of a role, "any ServiceAccount of N" ...);
 * - secret: the secrets of a namespace (or of every namespace), or one Secret its pods mount (`secret:NS/NAME`);
 * - node: one node, or every node;
 * - network: a grouping of workloads the network policies cannot tell apart (an equivalence class),
 *   kept so network reach stays linear in size; paths never show these as steps of their own.
 */
export type AttackNodeKind = (typeof ATTACK_NODE_KINDS)[number];

export interface AttackNode {
  /** Stable and readable, e.g. `workload:shop/Deployment/web`, `sa:shop/web`, `secrets:shop`, `cluster-admin`. */
  readonly id: string;
  readonly kind: AttackNodeKind;
  readonly label: string;
  readonly namespace?: string;
  readonly resource?: ResourceRef;
  /** Pods the node stands for (workload nodes). */
  readonly replicas?: number;
  /** An attack may start here. */
  readonly entry?: boolean;
  /** A crown jewel: reaching it is the attacker's goal. */
  readonly jewel?: boolean;
}

export const ATTACK_STEP_KINDS = [
  'network',
  'exploit',
  'token-theft',
  'rbac',
  'escape',
  'host-compromise',
  'secret-read',
  'exec',
  'member',
] as const;
/**
 * - network: the network policies let the source open a connection to the destination (ports in evidence);
 * - exploit: a remote-code-execution-class vulnerability in the reachable service gives code execution;
 * - token-theft: code running in a pod reads the ServiceAccount token mounted into it;
 * - rbac: a step of the RBAC escalation graph (create a pod, bind a role, impersonate ...);
 * - escape: a container breaks out to its node (privileged, host namespaces, hostPath, runtime socket, capabilities);
 * - host-compromise: root on a node reaches every pod and token on it;
 * - secret-read: reading secrets the identity may get or list, or a Secret the workload's pods mount;
 * - exec: running a command in a pod through the API or the kubelet;
 * - member: a grouping step with no action of its own (hubs of the RBAC graph).
 */
export type AttackStepKind = (typeof ATTACK_STEP_KINDS)[number];

/** Structured evidence for a step: the facts from the input that make it possible. */
export interface AttackEvidence {
  /** Network steps: the connections allowed, e.g. "TCP 80,443" or "All Connections". */
  readonly ports?: string;
  /** How the internet gets in: "Service shop/web (LoadBalancer) port 80", "Ingress shop/web", "hostNetwork" ... */
  readonly exposure?: readonly string[];
  /** RBAC steps: verb, resource, binding, role and where the rule is written. */
  readonly rbac?: readonly {
    readonly verb: string;
    readonly resource: string;
    readonly binding?: string;
    readonly role?: string;
    readonly file?: string;
    readonly line?: number;
  }[];
  /** Escape steps: what in the pod spec gives the node away. */
  readonly escape?: readonly { readonly vector: EscapeVector; readonly detail: string; readonly container?: string; readonly path: string }[];
  /** Exploit steps: the vulnerabilities and the image they are in. */
  readonly vulnerabilities?: readonly { readonly id: string; readonly package: string; readonly image: string; readonly severity?: string }[];
  /** Token theft: the ServiceAccount and whether its token is automounted. */
  readonly serviceAccount?: string;
  /** The node a pod runs on, when the manifest pins it (spec.nodeName). */
  readonly nodeName?: string;
  /** Secret reads from a mount: how the Secret reaches the pods (volume, projected volume, env, envFrom). */
  readonly mount?: readonly {
    readonly secret: string;
    readonly via: 'volume' | 'projected' | 'env' | 'envFrom';
    /** The volume or environment variable name. */
    readonly name: string;
    readonly container: string;
    /** JSON pointer of the reference inside the workload object. */
    readonly path: string;
  }[];
}

export const ESCAPE_VECTORS = ['privileged', 'host-pid', 'host-ipc', 'host-network', 'host-path', 'runtime-socket', 'capability'] as const;
export type EscapeVector = (typeof ESCAPE_VECTORS)[number];

export interface AttackStep {
  readonly from: string;
  readonly to: string;
  readonly kind: AttackStepKind;
  /** One plain sentence: how the step is taken. */
  readonly explanation: string;
  readonly evidence: AttackEvidence;
  /** Ids of the findings (Finding.id) that report the weakness behind this step. */
  readonly findingIds: readonly string[];
  /** Ids of the fixes (AttackFix.id) that remove this step. */
  readonly fixIds: readonly string[];
}

export interface AttackPath {
  /** Stable for the same input: a digest of the steps. */
  readonly id: string;
  readonly entry: string;
  readonly jewel: string;
  readonly steps: readonly AttackStep[];
  /** Product of the step probabilities (docs/attack-paths.md states the model), 0..1. */
  readonly likelihood: number;
  /** Number of steps. */
  readonly length: number;
}

export const ATTACK_FIX_KINDS = [
  'network-policy',
  'restrict-exposure',
  'disable-automount',
  'drop-privilege',
  'remove-binding',
  'remove-verb',
  'upgrade-package',
] as const;
export type AttackFixKind = (typeof ATTACK_FIX_KINDS)[number];

export interface AttackFix {
  readonly id: string;
  readonly kind: AttackFixKind;
  /** Imperative, one sentence. */
  readonly description: string;
  /** Relative effort and breakage risk (docs/attack-paths.md lists the costs by kind). */
  readonly cost: number;
  /** The object to change (absent when the fix is a new object). */
  readonly resource?: ResourceRef;
  /** The enumerated paths (AttackPath.id) this fix cuts. */
  readonly cuts: readonly string[];
  /** For manifest changes: a YAML document, either a new object or a strategic-merge patch of `resource`. */
  readonly patch?: string;
  /** How `patch` applies: a new object to add, a merge patch of `resource`, or deleting `resource`. */
  readonly patchType?: 'create' | 'merge' | 'delete';
}

/** The chosen cut: the fixes in `fixes` that together remove every path from the entries to the jewels. */
export interface AttackCut {
  /** Ids of the chosen fixes. */
  readonly fixIds: readonly string[];
  readonly cost: number;
  /** True when the cut is proven minimal in cost. */
  readonly optimal: boolean;
  /** A proven lower bound on the cost of any cut. */
  readonly lowerBound: number;
  /** `exact-min-cut`, `exact-hitting-set`, or `flow-fallback` (see docs for the bound). */
  readonly method: 'none-needed' | 'exact-min-cut' | 'exact-hitting-set' | 'flow-fallback';
  /** Plain statement of the guarantee, e.g. "optimal" or "at most 2.0 x the optimum". */
  readonly guarantee: string;
  /** Paths no change to manifests can cut (an entry that is itself a jewel ...). */
  readonly uncuttable: readonly string[];
}

export interface AttackStats {
  readonly nodes: number;
  readonly edges: number;
  readonly workloads: number;
  readonly pods: number;
  readonly paths: number;
  /** Entry/jewel pairs with at least one path. */
  readonly reachablePairs: number;
  /** Left out by the analysis (outputs are deterministic); a front end may add its own timing. */
  readonly millis?: number;
}

export interface AttackPathsResult {
  readonly schemaVersion: string;
  readonly entries: readonly string[];
  readonly jewels: readonly string[];
  readonly nodes: readonly AttackNode[];
  /** Every edge of the graph (network groupings included). */
  readonly edges: readonly AttackStep[];
  /** Ranked: shortest first, then most likely. */
  readonly paths: readonly AttackPath[];
  /** Every candidate fix on an edge of some path, the chosen ones first. */
  readonly fixes: readonly AttackFix[];
  readonly cut: AttackCut;
  readonly stats: AttackStats;
  /** Some entry/jewel pair had more paths than the per-pair limit: `paths` lists the best ones. */
  readonly truncated?: boolean;
}

/**
 * Vulnerabilities found in one image, as the attack analysis takes them (a vulnerability scan
 * produces them; `palisade attack-paths --vulnerabilities FILE` reads a JSON array of these).
 */
export interface ImageVulnerabilities {
  /** The image reference exactly as written in the pod spec. */
  readonly image: string;
  readonly vulnerabilities: readonly {
    readonly id: string;
    readonly package: string;
    readonly version?: string;
    readonly fixedVersion?: string;
    readonly severity?: 'critical' | 'high' | 'medium' | 'low' | 'unknown';
    /** Remote code execution class. When absent, a CVSS vector with AV:N and high integrity impact counts. */
    readonly rce?: boolean;
    readonly cvssVector?: string;
  }[];
}
