/**
 * Kubescape regolibrary rules on non-workload objects mapped to Palisade rules, for
 * `npm run conformance` (the workload rules' mapping is src/rules/_conformance/suites.ts). Mirrors
 * test/conformance/cluster-config-rules.test.ts, with its predicates written as message patterns.
 */
import type { RuleCheck } from '../types.js';
import { flagPattern, literal } from './patterns.js';

/** The authorization-mode findings that mean `mode` is missing (AlwaysAllow, or a list without it). */
function lacksMode(mode: string): RegExp {
  return new RegExp(`AlwaysAllow|without ${mode}\\b`);
}

export const KUBESCAPE_CLUSTER: Readonly<Record<string, RuleCheck>> = {
  'ensure-that-the-api-server-anonymous-auth-argument-is-set-to-false': { rule: 'apiserver-anonymous-auth' },
  'ensure-that-the-api-server-audit-log-path-argument-is-set': { rule: 'apiserver-audit-log', message: literal('does not set --audit-log-path') },
  'ensure-that-the-api-server-audit-log-maxage-argument-is-set-to-30-or-as-appropriate': { rule: 'apiserver-audit-log', message: flagPattern('audit-log-maxage') },
  'ensure-that-the-api-server-audit-log-maxbackup-argument-is-set-to-10-or-as-appropriate': { rule: 'apiserver-audit-log', message: flagPattern('audit-log-maxbackup') },
  'ensure-that-the-api-server-audit-log-maxsize-argument-is-set-to-100-or-as-appropriate': { rule: 'apiserver-audit-log', message: flagPattern('audit-log-maxsize') },
  'ensure-that-the-api-server-authorization-mode-argument-includes-Node': { rule: 'apiserver-authorization-mode', message: lacksMode('Node') },
  'ensure-that-the-api-server-authorization-mode-argument-includes-RBAC': { rule: 'apiserver-authorization-mode', message: lacksMode('RBAC') },
  'ensure-that-the-api-server-authorization-mode-argument-is-not-set-to-AlwaysAllow': { rule: 'apiserver-authorization-mode', message: /AlwaysAllow/ },
  'ensure-that-the-api-server-encryption-provider-config-argument-is-set-as-appropriate': { rule: 'apiserver-encryption-at-rest' },
  'ensure-that-the-api-server-profiling-argument-is-set-to-false': { rule: 'apiserver-profiling' },
  'ensure-that-the-admission-control-plugin-AlwaysAdmit-is-not-set': { rule: 'apiserver-admission-plugins', message: /AlwaysAdmit/ },
  'ensure-that-the-admission-control-plugin-NodeRestriction-is-set': { rule: 'apiserver-admission-plugins', message: /NodeRestriction/ },
  'etcd-client-auth-cert': { rule: 'etcd-client-cert-auth', message: flagPattern('client-cert-auth') },
  'etcd-peer-client-auth-cert': { rule: 'etcd-client-cert-auth', message: flagPattern('peer-client-cert-auth') },
  'etcd-auto-tls-disabled': { rule: 'etcd-client-cert-auth', message: flagPattern('auto-tls') },
  'etcd-peer-auto-tls-disabled': { rule: 'etcd-client-cert-auth', message: flagPattern('peer-auto-tls') },
  'ingress-no-tls': { rule: 'ingress-without-tls' },
  'rule-credentials-configmap': { rule: 'secret-in-configmap' },
  'exposure-to-internet': { rule: 'service-exposed' },
  'internal-networking': { rule: 'namespace-without-network-policy' },
  'pods-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'endpoints-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'endpointslice-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'horizontalpodautoscaler-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'ingress-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'persistentvolumeclaim-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'poddisruptionbudget-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'podtemplate-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'replicationcontroller-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'role-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'rolebinding-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'serviceaccount-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'ensure-that-the-kube-proxy-metrics-service-is-bound-to-localhost': { rule: 'kube-proxy-metrics-bind-address' },
  'ensure-that-the-controller-manager-RotateKubeletServerCertificate-argument-is-set-to-true': { rule: 'controller-manager-kubelet-cert-rotation' },
  'etcd-unique-ca': { rule: 'etcd-unique-ca' },
  'ensure-that-the-admission-control-plugin-AlwaysPullImages-is-set': { rule: 'apiserver-recommended-admission-plugins', message: /AlwaysPullImages/ },
  'ensure-that-the-admission-control-plugin-EventRateLimit-is-set': { rule: 'apiserver-recommended-admission-plugins', message: /EventRateLimit/ },
  'ensure-that-the-api-server-DenyServiceExternalIPs-is-set': { rule: 'apiserver-recommended-admission-plugins', message: /DenyServiceExternalIPs/ },
  'ensure-that-the-admission-control-plugin-NamespaceLifecycle-is-set': { rule: 'apiserver-admission-plugins', message: /NamespaceLifecycle/ },
  'ensure-that-the-admission-control-plugin-ServiceAccount-is-set': { rule: 'apiserver-admission-plugins', message: /\bServiceAccount\b/ },
  // Not mapped, the semantics differ: *-Strong-Cryptographic-Ciphers accepts the older CIS list
  // (3DES, RSA key exchange) and fails a missing flag, apiserver-tls reports weak suites only;
  // pod-security-admission-applied-* accept any admission webhook as the policy; lease- and
  // csistoragecapacity-in-default-namespace judge kinds workload-in-default-namespace does not;
  // serviceaccount-token-mount passes a token mounted by the pod (automount-service-account maps).
  'service-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'configmap-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'resources-secret-in-default-namespace': { rule: 'workload-in-default-namespace' },
  'rule-can-list-get-secrets-v1': { rule: 'rbac-secret-read' },
  'rule-can-bind-escalate': { rule: 'rbac-escalation-verbs' },
  'rule-can-impersonate-users-groups-v1': { rule: 'rbac-escalation-verbs', message: /impersonate/ },
  'rule-can-approve-cert-signing-request': { rule: 'rbac-csr-approval' },
  'rule-can-modify-admission-webhooks': { rule: 'rbac-webhook-config-write' },
  'rule-can-create-service-account-token': { rule: 'rbac-token-create' },
  'rule-can-access-proxy-subresource': { rule: 'rbac-nodes-proxy' },
  'rule-can-portforward-v1': { rule: 'rbac-pod-exec', message: /portforward/ },
  'exec-into-container-v1': { rule: 'rbac-pod-exec', message: /exec/ },
  'rule-can-create-pod': { rule: 'rbac-workload-create' },
  'rule-can-create-pv': { rule: 'rbac-persistent-volume-create' },
  'rule-list-all-cluster-admins-v1': { rule: 'rbac-cluster-admin-binding' },
  'cluster-admin-role': { rule: 'rbac-cluster-admin-binding' },
  'ensure-default-service-accounts-has-only-default-roles': { rule: 'role-binding-to-default-sa' },
  'ensure-that-the-controller-manager-bind-address-argument-is-set-to-127.0.0.1': { rule: 'control-plane-bind-address' },
  'ensure-that-the-scheduler-bind-address-argument-is-set-to-127.0.0.1': { rule: 'control-plane-bind-address' },
  'ensure-that-the-controller-manager-profiling-argument-is-set-to-false': { rule: 'control-plane-profiling' },
  'ensure-that-the-scheduler-profiling-argument-is-set-to-false': { rule: 'control-plane-profiling' },
  'ensure-that-the-controller-manager-use-service-account-credentials-argument-is-set-to-true': {
    rule: 'controller-manager-service-account-credentials',
    message: flagPattern('use-service-account-credentials'),
  },
  'ensure-that-the-controller-manager-service-account-private-key-file-argument-is-set-as-appropriate': {
    rule: 'controller-manager-service-account-credentials',
    message: flagPattern('service-account-private-key-file'),
  },
  'ensure-that-the-api-server-token-auth-file-parameter-is-not-set': { rule: 'apiserver-service-account-tokens', message: flagPattern('token-auth-file') },
  'ensure-that-the-api-server-service-account-lookup-argument-is-set-to-true': { rule: 'apiserver-service-account-tokens', message: flagPattern('service-account-lookup') },
  'ensure-that-the-api-server-service-account-key-file-argument-is-set-as-appropriate': { rule: 'apiserver-service-account-tokens', message: flagPattern('service-account-key-file') },
  'ensure-that-the-api-server-service-account-extend-token-expiration-is-set-to-false': {
    rule: 'apiserver-service-account-tokens',
    message: flagPattern('service-account-extend-token-expiration'),
  },
  'ensure-that-the-api-server-tls-cert-file-and-tls-private-key-file-arguments-are-set-as-appropriate': { rule: 'apiserver-tls', message: literal('--tls-') },
  'ensure-that-the-api-server-client-ca-file-argument-is-set-as-appropriate': { rule: 'apiserver-tls', message: flagPattern('client-ca-file') },
  'ensure-that-the-api-server-etcd-cafile-argument-is-set-as-appropriate': { rule: 'apiserver-tls', message: flagPattern('etcd-cafile') },
  'ensure-that-the-api-server-etcd-certfile-and-etcd-keyfile-arguments-are-set-as-appropriate': { rule: 'apiserver-tls', message: literal('--etcd-certfile') },
  'ensure-that-the-api-server-kubelet-client-certificate-and-kubelet-client-key-arguments-are-set-as-appropriate': { rule: 'apiserver-tls', message: literal('--kubelet-client-') },
  'ensure-that-the-api-server-kubelet-certificate-authority-argument-is-set-as-appropriate': { rule: 'apiserver-tls', message: flagPattern('kubelet-certificate-authority') },
  'ensure-that-the-api-server-secure-port-argument-is-not-set-to-0': { rule: 'apiserver-tls', message: flagPattern('secure-port') },
  'etcd-tls-enabled': { rule: 'etcd-tls', message: flagPattern('cert-file', 'key-file') },
  'etcd-peer-tls-enabled': { rule: 'etcd-tls', message: flagPattern('peer-cert-file', 'peer-key-file') },
  'ensure-that-the-controller-manager-root-ca-file-argument-is-set-as-appropriate': { rule: 'controller-manager-service-account-credentials', message: flagPattern('root-ca-file') },
};

const AUDIT_ROTATION_WITHOUT_PATH =
  'the example sets a rotation flag but no --audit-log-path: no log file is written, so Palisade reports the missing path and does not judge rotation of a file that does not exist';
const EMPTY_NAMESPACE = 'the namespace runs no workload: Palisade reports namespaces with workloads but no NetworkPolicy, since an empty namespace has nothing to isolate';

/** Deliberate differences, keyed `<kubescape rule>/<case>`. */
export const KUBESCAPE_CLUSTER_DIFFERENCES: Readonly<Record<string, string>> = {
  'rule-credentials-configmap/env-value-akia-key':
    'the value is AKIAIOSFODNN7EXAMPLE, the key AWS documentation uses as an example: every Palisade secret rule treats it as a placeholder (as gitleaks does)',
  'ensure-that-the-api-server-audit-log-maxage-argument-is-set-to-30-or-as-appropriate/failed': AUDIT_ROTATION_WITHOUT_PATH,
  'ensure-that-the-api-server-audit-log-maxbackup-argument-is-set-to-10-or-as-appropriate/failed': AUDIT_ROTATION_WITHOUT_PATH,
  'ensure-that-the-api-server-audit-log-maxsize-argument-is-set-to-100-or-as-appropriate/rke2-args':
    'kubescape raises a "please validate" review alert for any --audit-log-maxsize; 100 meets the threshold, so Palisade passes',
  'ensure-that-the-api-server-secure-port-argument-is-not-set-to-0/failed': 'the example passes --secure-port=0 then --secure-port=8443; pflag keeps the last occurrence, so the secure port is enabled',
  'exposure-to-internet/detect_with_ingress': 'the Service is ClusterIP behind an Ingress; service-exposed reports Services reachable from outside by themselves (NodePort, LoadBalancer, externalIPs)',
  'internal-networking/namespace-failed': EMPTY_NAMESPACE,
  'ensure-that-the-admission-control-plugin-EventRateLimit-is-set/rke2-args':
    'EventRateLimit is enabled without --admission-control-config-file: its empty configuration fails validation and kube-apiserver does not start, which Palisade warns about; kubescape checks the plugin list only',
  'internal-networking/namespace-ccnp-match-expressions-selective-failed': EMPTY_NAMESPACE,
  'rule-can-approve-cert-signing-request/role-rolebinding': 'a namespaced Role cannot grant cluster-scoped CertificateSigningRequests, and approving also needs approve on signers',
  'rule-can-modify-admission-webhooks/role-rolebinding': 'a namespaced Role cannot grant cluster-scoped webhook configurations',
  'rule-can-portforward-v1/clusterrole-clusterrolebinding': 'RBAC matches "pods/*" literally: only "*/portforward" or "*" match pods/portforward',
  'cluster-admin-role/clusterrole-rolebinding':
    'the input\'s ClusterRole cluster-admin lists only core-group rules, but the API server reconciles the default roles at every start and adds the built-in "*" on everything back (no autoupdate: "false" annotation), so the RoleBinding gives full control of kube-system',
  'cluster-admin-role/role-clusterrolebinding':
    'the ClusterRoleBinding refers to a Role, which the API server rejects; the Role ("*" on everything in kube-system) is then bound to nothing and reported as a latent namespace admin (a warning)',
  'rule-can-create-pv/clusterrole-rolebinding': 'the ClusterRole is bound by a RoleBinding, which grants only namespaced resources: PersistentVolumes are cluster-scoped, so no PersistentVolume request is granted',
  'rule-can-create-pv/role-rolebinding': 'a namespaced Role cannot grant PersistentVolumes: they are cluster-scoped',
  'rule-can-access-proxy-subresource/clusterrole-rolebinding':
    'the ClusterRole granting nodes/proxy is bound by a RoleBinding, which grants only namespaced resources of its namespace: nodes are cluster-scoped, so the API server grants no nodes/proxy request through it',
};
