/**
 * Cilium endpoint selectors in Kubernetes terms. Cilium labels carry a source prefix (`k8s:`,
 * `any:`; none means any source) and a few reserved keys stand for facts about the pod rather
 * than its labels: `io.kubernetes.pod.namespace` is its namespace's name and
 * `io.cilium.k8s.namespace.labels.<key>` a label of its namespace. A selector therefore splits
 * into a pod selector and a namespace selector, which is how the analysis matches peers.
 */
import type { LabelSelector } from '../../../lib/k8s/labels.js';
import { asArray, asRecord, asString } from '../../../lib/k8s/values.js';
import { NAMESPACE_NAME_LABEL } from '../namespaces.js';
import { parseSelector } from '../selectors.js';

const NAMESPACE_KEY = 'io.kubernetes.pod.namespace';
const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
/** Always true in a single-cluster analysis. */
const CLUSTER_KEY = 'io.cilium.k8s.policy.cluster';
const SERVICE_ACCOUNT_KEY = 'io.cilium.k8s.policy.serviceaccount';
/** Sources whose labels are a pod's own (Kubernetes) labels. */
const POD_SOURCES = new Set(['k8s', 'any']);

export interface CiliumSelector {
  readonly podSelector: LabelSelector;
  /** Undefined when the selector does not name namespaces (the policy decides which apply). */
  readonly namespaceSelector: LabelSelector | undefined;
  /** What the selector requires that the analysis cannot see (it then matches no pod). */
  readonly unmodelled: string | undefined;
}

export type CiliumSelectorParse = { readonly ok: true; readonly selector: CiliumSelector } | { readonly ok: false; readonly reason: string };

type Target = 'pod' | 'namespace' | 'ignored' | { readonly unmodelled: string };

/** Where a requirement on `key` applies, and under which Kubernetes key. */
function route(rawKey: string): { target: Target; key: string } {
  const colon = rawKey.indexOf(':');
  const source = colon > 0 && !rawKey.slice(0, colon).includes('/') ? rawKey.slice(0, colon) : undefined;
  const key = source === undefined ? rawKey : rawKey.slice(colon + 1);
  if (source !== undefined && !POD_SOURCES.has(source)) return { target: { unmodelled: `labels from source "${source}" (${rawKey})` }, key };
  if (key === NAMESPACE_KEY) return { target: 'namespace', key: NAMESPACE_NAME_LABEL };
  if (key.startsWith(NAMESPACE_LABELS_PREFIX)) return { target: 'namespace', key: key.slice(NAMESPACE_LABELS_PREFIX.length) };
  if (key === CLUSTER_KEY) return { target: 'ignored', key };
  if (key === SERVICE_ACCOUNT_KEY) return { target: { unmodelled: 'service account selectors' }, key };
  return { target: 'pod', key };
}

/** Splits a raw Cilium endpoint selector, validating it as the API server validates label selectors. */
export function parseCiliumSelector(raw: unknown): CiliumSelectorParse {
  const record = asRecord(raw) ?? {};
  const pod: { matchLabels: Record<string, unknown>; matchExpressions: unknown[] } = { matchLabels: {}, matchExpressions: [] };
  const ns: { matchLabels: Record<string, unknown>; matchExpressions: unknown[] } = { matchLabels: {}, matchExpressions: [] };
  let unmodelled: string | undefined;
  const place = (rawKey: string, put: (side: typeof pod, key: string) => void): void => {
    const { target, key } = route(rawKey);
    if (target === 'ignored') return;
    if (typeof target === 'object') unmodelled ??= target.unmodelled;
    else put(target === 'pod' ? pod : ns, key);
  };
  for (const [key, value] of Object.entries(asRecord(record.matchLabels) ?? {})) place(key, (side, k) => (side.matchLabels[k] = value));
  for (const item of asArray(record.matchExpressions)) {
    const expr = asRecord(item) ?? {};
    place(asString(expr.key) ?? '', (side, k) => side.matchExpressions.push({ ...expr, key: k }));
  }
  const podParsed = parseSelector(pod);
  if (!podParsed.ok) return podParsed;
  const nsParsed = parseSelector(ns);
  if (!nsParsed.ok) return nsParsed;
  const namesNamespaces = Object.keys(ns.matchLabels).length + ns.matchExpressions.length > 0;
  return { ok: true, selector: { podSelector: podParsed.selector, namespaceSelector: namesNamespaces ? nsParsed.selector : undefined, unmodelled } };
}
