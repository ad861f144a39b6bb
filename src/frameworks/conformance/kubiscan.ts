/**
 * KubiScan's risky role patterns (../shared/testdata/k8s/rbac-reference/kubiscan/risky_roles.yaml,
 * GPL-3.0 test data, read at run time and never shipped), for `npm run conformance`. Each pattern
 * becomes a ClusterRole bound cluster-wide to one user; KubiScan calls every pattern risky, and
 * Palisade agrees when one of these rules reports the binding.
 */

/**
 * The rules whose findings on the binding mean "risky". Not rbac-wildcard: every pattern writes
 * apiGroups ["*"], so it would call each one risky whatever it grants.
 */
export const KUBISCAN_RULES: readonly string[] = [
  'rbac-cluster-admin-binding',
  'rbac-csr-approval',
  'rbac-escalation-verbs',
  'rbac-nodes-proxy',
  'rbac-persistent-volume-create',
  'rbac-pod-exec',
  'rbac-secret-read',
  'rbac-token-create',
  'rbac-webhook-config-write',
  'rbac-workload-create',
];

const STAR_NAMES = 'resourceNames ["*"] is a literal name to the RBAC authorizer: the rule allows binding only a role named "*", which is the narrowed form rbac-escalation-verbs accepts';

/** Deliberate differences, keyed by pattern name. */
export const KUBISCAN_DIFFERENCES: Readonly<Record<string, string>> = {
  'risky-add-rolebinding': 'patching a RoleBinding passes the same escalation check as creating one: without bind or escalate a subject can only reference roles it already holds',
  'risky-create-rolebinding-role': STAR_NAMES,
  'risky-create-rolebinding-clusterrole': STAR_NAMES,
  'risky-create-clusterrolebinding-clusterrole': STAR_NAMES,
};
