/**
 * Kalm benchmark checks on non-workload objects mapped to Palisade rules, for `npm run conformance`
 * (the workload part is src/rules/_conformance/suites.ts). Mirrors test/conformance/
 * cluster-config-rules.test.ts.
 */
import type { RuleCheck } from '../types.js';

/** By check id without the variant suffix. */
export const KALM_CLUSTER: Readonly<Record<string, RuleCheck>> = {
  'RBAC-001': { rule: 'rbac-cluster-admin-binding' },
  'RBAC-002': { rule: 'rbac-secret-read' },
  'RBAC-003': { rule: 'rbac-wildcard' },
  'RBAC-004': { rule: 'rbac-workload-create' },
  'RBAC-005': { rule: 'rbac-pod-exec', message: /attach/ },
  'RBAC-006': { rule: 'rbac-pod-exec', message: /exec/ },
  'RBAC-007': { rule: 'role-binding-to-default-sa' },
  'RBAC-008': { rule: 'rbac-pod-exec', message: /portforward/ },
  'RBAC-009': { rule: 'rbac-escalation-verbs', message: /impersonate/ },
  'RBAC-010': { rule: 'rbac-escalation-verbs' },
  'RBAC-020': { rule: 'rbac-escalation-verbs' },
  'RBAC-021': { rule: 'rbac-persistent-volume-create' },
  'RBAC-023': { rule: 'rbac-nodes-proxy' },
  'RBAC-024': { rule: 'rbac-csr-approval' },
  'RBAC-025': { rule: 'rbac-webhook-config-write' },
  'RBAC-026': { rule: 'rbac-token-create' },
  'RBAC-027': { rule: 'rbac-anonymous-binding' },
  'NP-001': { rule: 'namespace-without-network-policy' },
  'NP-002': { rule: 'namespace-without-default-deny' },
  'NP-003': { rule: 'egress-to-internet', message: /metadata/ },
  'NP-005': { rule: 'network-policy-selects-no-pod' },
  'PSA-002': { rule: 'namespace-without-pod-security' },
  'PSA-003': { rule: 'namespace-without-pod-security' },
  'NS-001': { rule: 'workload-in-default-namespace' },
  // RES-007/RES-008 judge the LimitRange's literal fields (defaultRequest, default, max) where
  // namespace-without-limit-range asks whether containers end up with limits after the API
  // server's defaulting: not mapped. RES-009 asks for a quota applied to the namespace.
  'RES-009': { rule: 'namespace-without-resource-quota' },
  'CM-001': { rule: 'secret-in-configmap' },
};

/** Groups of deliberate differences, matched against `<check id>:<Kind>/<name>`. */
export const KALM_CLUSTER_DIFFERENCES: readonly (readonly [RegExp, string])[] = [
  [/^RBAC-004-\d:/, 'the role names resource "pod": RBAC matches resource names exactly and the API resource is "pods", so the rule grants nothing'],
  [/^RBAC-0[12]0-\d:/, 'bind or escalate granted in the core group or on bindings, where RBAC never checks these verbs: it grants nothing'],
  [/^RBAC-007-\d:ClusterRole\//, 'the finding is on the binding that gives the role to the default ServiceAccount, not on the role, which is harmless unbound'],
  [/^RBAC-021-\d:/, 'the PersistentVolume writes are bound by a RoleBinding, which grants only namespaced resources: PersistentVolumes are cluster-scoped, so the ServiceAccount gets nothing (a ClusterRoleBinding would be reported)'],
  [/^RBAC-027-\d:/, 'the binding names system:unauthenticated as its roleRef (a ClusterRole that does not exist) and binds a User: no anonymous, unauthenticated or all-authenticated subject is bound'],
  [/^RBAC-023-1:Role\//, 'a namespaced Role cannot grant nodes/proxy: nodes are cluster-scoped'],
  [/^RBAC-025-\d:Role\//, 'a namespaced Role cannot grant webhook configurations: they are cluster-scoped'],
  [/^NP-00[35]:(Namespace|ServiceAccount|Deployment)\//, 'the finding is on the NetworkPolicy at fault (egress to the metadata address, a selector matching no pod); Kalm labels every object of the file, the namespace and its filler workload included'],
];
