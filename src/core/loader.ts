/**
 * The loader contract: how inputs arrive. Loaders collect located problems instead of throwing,
 * so one bad file never loses the results of the others.
 */
import type { Problem } from '../model/problem.js';
import type { Resource } from '../model/resource.js';

/** Bounds that keep hostile input from exhausting memory. */
export interface InputLimits {
  /** Largest single file read, in bytes. */
  readonly maxFileBytes: number;
  /** Most alias expansions per YAML document (alias bombs). */
  readonly maxAliasCount: number;
  /** Most documents in one stream. */
  readonly maxDocuments: number;
  /** Most objects read from a live cluster, all kinds together (a cluster is one big input). */
  readonly maxClusterObjects: number;
}

/** The one set of defaults: the configuration schema takes its defaults from here. */
export const DEFAULT_LIMITS: InputLimits = {
  maxFileBytes: 16 * 1024 * 1024,
  // Expansions a full walk makes, nested ones included: Deployments whose containers share anchors
  // reach a hundred, which kubectl (go-yaml) accepts; a bomb reaches millions.
  maxAliasCount: 1000,
  maxDocuments: 10_000,
  maxClusterObjects: 100_000,
};

export interface LoadOptions {
  /** Files, directories, Kustomize directories, Helm charts, or "-" for stdin. */
  readonly paths: readonly string[];
  /** A live cluster: kubeconfig path (or the default chain when `cluster` is true), context, and the namespaces to list (all when absent). */
  readonly cluster?: { readonly kubeconfig?: string; readonly context?: string; readonly namespaces?: readonly string[] };
  readonly helm?: {
    readonly valuesFiles?: readonly string[];
    readonly set?: readonly string[];
    readonly namespace?: string | undefined;
    /** helm template --kube-version and --api-versions: the cluster the charts are rendered for. */
    readonly kubeVersion?: string | undefined;
    readonly apiVersions?: readonly string[] | undefined;
  };
  readonly limits?: Partial<InputLimits>;
  /** Where relative paths are resolved; defaults to process.cwd(). */
  readonly cwd?: string;
  /** Stdin, injectable for tests and the SDK. */
  readonly stdin?: NodeJS.ReadableStream;
}

export interface LoadResult {
  readonly resources: Resource[];
  readonly problems: Problem[];
  /** What was actually read, as named for the user (files, `-`, `cluster:<context>`). */
  readonly inputs: string[];
}
