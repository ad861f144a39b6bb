/**
 * Mappings for checks of the kubescape and polaris suites that rules added after
 * src/rules/_conformance/suites.ts answer. `npm run conformance` reads them after that file's maps.
 */
import type { RuleCheck } from '../types.js';
import { literal } from './patterns.js';

/** Kubescape workload rules, compared object by object like src/rules/_conformance/suites.ts KUBESCAPE. */
export const KUBESCAPE_WORKLOAD_EXTRA: Readonly<Record<string, RuleCheck>> = {
  'alert-rw-hostpath': { rule: 'writable-host-path' },
  'rule-secrets-in-env-var': { rule: 'secret-as-env-var' },
  'set-procmount-default': { rule: 'proc-mount-unmasked' },
};

/** Kubescape rules on other objects, compared by verdict like KUBESCAPE_CLUSTER. */
export const KUBESCAPE_CLUSTER_EXTRA: Readonly<Record<string, RuleCheck>> = {
  'automount-default-service-account': { rule: 'service-account-automount', message: /\/default"/ },
  'ensure-default-service-accounts-has-only-default-roles': { rule: 'role-binding-to-default-sa' },
  'etcd-encryption-native': { rule: 'apiserver-encryption-at-rest' },
  'insecure-port-flag': { rule: 'apiserver-insecure-port' },
  'k8s-audit-logs-enabled-native': { rule: 'apiserver-audit-log', message: literal('does not set --audit-log-path') },
  'rule-list-all-cluster-admins-v1': { rule: 'rbac-cluster-admin-binding' },
};

/** Polaris checks, compared file by file like POLARIS. */
export const POLARIS_EXTRA: Readonly<Record<string, RuleCheck>> = {
  clusterrolePodExecAttach: { rule: 'rbac-pod-exec', message: /exec|attach/ },
  clusterrolebindingClusterAdmin: { rule: 'rbac-cluster-admin-binding' },
  procMount: { rule: 'proc-mount-unmasked' },
  rolePodExecAttach: { rule: 'rbac-pod-exec', message: /exec|attach/ },
  sensitiveConfigmapContent: { rule: 'secret-in-configmap' },
  tlsSettingsMissing: { rule: 'ingress-without-tls' },
};

/** Deliberate differences, keyed `<kubescape rule>/<case>`. */
export const KUBESCAPE_EXTRA_DIFFERENCES: Readonly<Record<string, string>> = {
  'k8s-audit-logs-enabled-native/test-passed':
    'kubescape accepts --audit-policy-file alone; without --audit-log-path (or a webhook backend) no audit event is written anywhere, so Palisade reports the missing log path',
  'rule-list-all-cluster-admins-v1/clusterrole-rolebinding':
    'the ClusterRole grants "*" on the core group only, and a RoleBinding confines it to kube-system: its holder is not a cluster admin (no other group, no other namespace, nothing cluster-scoped); rbac-cluster-admin-binding reports grants of everything cluster-wide, while this binding gets six findings of its own (wildcard, secret read, exec, workload create, token create, impersonation in kube-system)',
};

/** Deliberate differences, keyed by polaris fixture file. */
export const POLARIS_EXTRA_DIFFERENCES: Readonly<Record<string, string>> = {
  'checks/clusterrolePodExecAttach/success.defaultclusterrole_admin.yaml':
    'polaris exempts the default admin ClusterRole by name; Palisade reports it, since every binding of it grants exec and attach where it is bound',
  'checks/clusterrolebindingClusterAdmin/success.system_prefix_binding.yaml':
    'polaris skips bindings whose name starts with "system:"; a name is free text whoever creates the binding chooses, so Palisade judges the subjects it grants cluster-admin to',
  'checks/sensitiveConfigmapContent/failure.key_azure_batch_key.yaml':
    'the value is the placeholder "xxxxx"; polaris flags the key name alone, Palisade reports values that look like credentials, so placeholders do not bury real leaks',
  'checks/sensitiveConfigmapContent/failure.value_private_key.yaml':
    'the PEM block\'s body is "xxxxxxxx": a placeholder, not key material; Palisade reports a private key only when the block holds one',
  'checks/tlsSettingsMissing/success.yaml':
    'the tls section covers example.com but the rule names no host, so requests for every other host are served over plain HTTP; polaris only checks that a tls section exists',
};
