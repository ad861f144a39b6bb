/**
 * checkov's Kubernetes checks (../shared/testdata/k8s/checkov-kubernetes) mapped to Palisade rules,
 * for `npm run conformance`. The control-plane part mirrors test/conformance/cluster-config-rules
 * .test.ts (kept by the rule engineers); the workload part is mapped here. Checks not listed have
 * no Palisade counterpart with the same semantics (PodSecurityPolicy, kubelet flags in pods, an
 * AdmissionConfiguration's plugin list for EventRateLimit, runAsUser >= 10000 including an unset
 * one (RootContainersHighUID; Palisade splits unset, 0 and low UIDs over three rules), Tiller's
 * Service, cipher lists, control-plane flags of pods outside kube-system, and
 * KubernetesDashboard, which fails any Dashboard deployed where kubernetes-dashboard-exposed
 * reports only a Dashboard that skips login, runs as cluster-admin or is reachable from outside).
 */
import type { RuleCheck } from '../types.js';
import { flagPattern, literal } from './patterns.js';

export const CHECKOV: Readonly<Record<string, RuleCheck>> = {
  ApiServerAnonymousAuth: { rule: 'apiserver-anonymous-auth' },
  ApiServerAuditLog: { rule: 'apiserver-audit-log', message: literal('does not set --audit-log-path') },
  ApiServerAuditLogMaxAge: { rule: 'apiserver-audit-log', message: flagPattern('audit-log-maxage') },
  ApiServerAuditLogMaxBackup: { rule: 'apiserver-audit-log', message: flagPattern('audit-log-maxbackup') },
  ApiServerAuditLogMaxSize: { rule: 'apiserver-audit-log', message: flagPattern('audit-log-maxsize') },
  ApiServerAuthorizationModeNotAlwaysAllow: { rule: 'apiserver-authorization-mode', message: /AlwaysAllow/ },
  ApiServerInsecurePort: { rule: 'apiserver-insecure-port' },
  ApiServerNodeRestrictionPlugin: { rule: 'apiserver-admission-plugins', message: /NodeRestriction/ },
  ApiServerAlwaysPullImagesPlugin: { rule: 'apiserver-recommended-admission-plugins', message: /AlwaysPullImages/ },
  ApiServerProfiling: { rule: 'apiserver-profiling' },
  EtcdClientCertAuth: { rule: 'etcd-client-cert-auth', message: flagPattern('client-cert-auth') },
  PeerClientCertAuthTrue: { rule: 'etcd-client-cert-auth', message: flagPattern('peer-client-cert-auth') },
  EtcdAutoTls: { rule: 'etcd-client-cert-auth', message: flagPattern('auto-tls') },
  DefaultNamespace: { rule: 'workload-in-default-namespace' },
  // The verb as a word: every finding about an unbound role says "no binding in the input".
  RbacBindRoleBindings: { rule: 'rbac-escalation-verbs', message: /\bbind\b/ },
  RbacEscalateRoles: { rule: 'rbac-escalation-verbs', message: /\bescalate\b/ },
  RbacApproveCertificateSigningRequests: { rule: 'rbac-csr-approval' },
  WildcardRoles: { rule: 'rbac-wildcard' },
  ControllerManagerBindAddress: { rule: 'control-plane-bind-address' },
  KubeControllerManagerBlockProfiles: { rule: 'control-plane-profiling' },
  SchedulerProfiling: { rule: 'control-plane-profiling' },
  ApiServerServiceAccountPlugin: { rule: 'apiserver-admission-plugins', message: /\bServiceAccount\b/ },
  ApiServerEtcdCertAndKey: { rule: 'apiserver-tls', message: flagPattern('etcd-certfile', 'etcd-keyfile') },
  ApiServerKubeletClientCertAndKey: { rule: 'apiserver-tls', message: flagPattern('kubelet-client-certificate', 'kubelet-client-key') },
  ApiServerTlsCertAndKey: { rule: 'apiserver-tls', message: flagPattern('tls-cert-file', 'tls-private-key-file') },
  ApiServerServiceAccountLookup: { rule: 'apiserver-service-account-tokens', message: flagPattern('service-account-lookup') },
  EtcdCertAndKey: { rule: 'etcd-tls', message: flagPattern('cert-file', 'key-file') },
  KubeControllerManagerServiceAccountPrivateKeyFile: { rule: 'controller-manager-service-account-credentials', message: flagPattern('service-account-private-key-file') },
  // Workload checks.
  PrivilegedContainers: { rule: 'privileged-container', message: /runs privileged/ },
  ShareHostPID: { rule: 'host-namespaces', message: /hostPID/ },
  ShareHostIPC: { rule: 'host-namespaces', message: /hostIPC/ },
  SharedHostNetworkNamespace: { rule: 'host-namespaces', message: /hostNetwork/ },
  HostPort: { rule: 'host-port' },
  DockerSocketVolume: { rule: 'sensitive-host-path', message: /docker\.sock/ },
  ImageDigest: { rule: 'image-not-pinned-by-digest' },
  ImageTagFixed: { rule: 'image-tag-latest' },
  ImagePullPolicyAlways: { rule: 'image-pull-policy' },
  CPULimits: { rule: 'resource-limits', message: /no cpu limit/ },
  MemoryLimits: { rule: 'resource-limits', message: /no memory limit/ },
  CPURequests: { rule: 'resource-requests', message: /no cpu request/ },
  MemoryRequests: { rule: 'resource-requests', message: /no memory request/ },
  LivenessProbe: { rule: 'probes-missing', message: /no liveness probe/ },
  ReadinessProbe: { rule: 'probes-missing', message: /no readiness probe/ },
  ReadOnlyFilesystem: { rule: 'writable-root-filesystem' },
  RootContainers: { rule: 'run-as-root' },
  MinimizeCapabilities: { rule: 'capabilities-not-dropped' },
  Seccomp: { rule: 'seccomp-unconfined' },
  ServiceAccountTokens: { rule: 'service-account-token-automount' },
  Secrets: { rule: 'secret-as-env-var' },
  DefaultServiceAccountBinding: { rule: 'role-binding-to-default-sa' },
  Tiller: { rule: 'tiller-deployed' },
  // Tiller reachable from other pods: not on loopback only (nor behind --tls-verify, which checkov does not read).
  TillerDeploymentListener: { rule: 'tiller-deployed', message: /unauthenticated gRPC endpoint/ },
  DefaultServiceAccount: { rule: 'service-account-automount', message: /\/default"/ },
  // NET_RAW stays unless the container drops ALL or NET_RAW itself: findings that do not name NET_RAW as dropped.
  DropCapabilities: { rule: 'capabilities-not-dropped', message: /^(?!.*\bNET_RAW\b)/ },
};

/**
 * checkov runs its container checks once per container (`containers` and `initContainers` are
 * resources of their own), so their counts are per container, not per workload.
 */
export const CHECKOV_PER_CONTAINER: ReadonlySet<string> = new Set([
  'CPULimits',
  'CPURequests',
  'ImageDigest',
  'ImagePullPolicyAlways',
  'ImageTagFixed',
  'LivenessProbe',
  'MemoryLimits',
  'MemoryRequests',
  'MinimizeCapabilities',
  'PrivilegedContainers',
  'ReadOnlyFilesystem',
  'ReadinessProbe',
]);

const AUDIT_ROTATION_WITHOUT_PATH =
  'the example sets a rotation flag but no --audit-log-path: no log file is written, so Palisade reports the missing path (its own finding) and does not judge rotation of a file that does not exist';

const RESOURCES_AS_LIST =
  'pod-requests-limits-UNKNOWN*.yaml write resources (or requests) as a list, which the API server rejects: checkov neither passes nor fails the container, Palisade reads no value there and reports the missing one';

/** Deliberate differences, keyed `<check class>:<example dir>`. */
export const CHECKOV_DIFFERENCES: Readonly<Record<string, string>> = {
  'ApiServerAuditLogMaxAge:example_ApiServerAuditLogMaxAge': AUDIT_ROTATION_WITHOUT_PATH,
  'ApiServerAuditLogMaxBackup:example_ApiServerAuditLogMaxBackup': AUDIT_ROTATION_WITHOUT_PATH,
  'ApiServerAuditLogMaxSize:example_ApiServerAuditLogMaxSize': AUDIT_ROTATION_WITHOUT_PATH,
  'EtcdClientCertAuth:example_EtcdClientCertAuth':
    'the passing example sets --client-cert-auth=true without --trusted-ca-file: etcd then verifies client certificates against the system roots (transport.TLSInfo.ServerConfig leaves ClientCAs empty), so any publicly issued client certificate is accepted; Palisade reports it, checkov reads the flag alone',
  'ApiServerAuthorizationModeNotAlwaysAllow:example_ApiServerAuthorizationModeNotAlwaysAllow':
    'the kube-apiserver-no-mode example omits --authorization-mode; its default is AlwaysAllow (when --authorization-config is not used), so Palisade fails it',
  'DefaultNamespace:example_DefaultNamespace': 'the nginx Service and StatefulSet name no namespace: checkov passes them, Palisade reports them because kubectl apply without -n creates them in default',
  'PeerClientCertAuthTrue:example_PeerClientCertAuthTrue':
    'the etcd pods run in application namespaces, not in kube-system: Palisade checks control-plane etcd only unless controlPlaneNamespaces says otherwise',
  'KubeControllerManagerServiceAccountPrivateKeyFile:example_KubeControllerManagerServiceAccountPrivateKeyFile':
    'checkov fails a key file whose name does not end in .pem and passes a missing flag; Palisade accepts any key file path and reports the missing flag',
  'CPULimits:example_Suppressed':
    'nine of the ten objects carry checkov\'s own skip annotation (checkov.io/skip...), which checkov counts as skipped; Palisade honours only its own palisade.dev/ignore annotation and configured exceptions',
  'ImageDigest:example_ImageDigest':
    'the kafka examples pin "@sha256:123456", which is not a digest (sha256 needs 64 hex digits): the runtime rejects the reference, so Palisade reports it as not pinned; checkov only looks for "@"',
  'CPULimits:example_Requests_Limits': RESOURCES_AS_LIST,
  'CPURequests:example_Requests_Limits': RESOURCES_AS_LIST,
  'MemoryLimits:example_Requests_Limits': RESOURCES_AS_LIST,
  'MemoryRequests:example_Requests_Limits': RESOURCES_AS_LIST,
  'RootContainers:example_RootContainers':
    'checkov counts 7: it fails rootContainersFAILED-malformed-spec.yaml, whose spec is a list (the API server rejects it; Palisade finds no pod spec to judge), and counts the two objects named pod4 in one file separately where this comparison counts one; on every other object the verdicts agree',
  'Seccomp:example_Seccomp':
    'the four PASSED examples set seccomp only through the seccomp.security.alpha.kubernetes.io annotations: kubelets stopped reading them in v1.25 and since v1.27 the API server no longer copies them into securityContext.seccompProfile at pod creation, so on every supported version these pods run Unconfined; checkov accepts the annotations, Palisade reads the field',
  'ApiServerServiceAccountLookup:example_ApiServerServiceAccountLookup':
    'ApiServer-FAILED-2.yaml leaves --service-account-lookup unset, and it defaults to true (kube-bench passes it too); checkov requires the flag written',
  'ApiServerServiceAccountPlugin:example_ApiServerServiceAccountPlugin':
    '--enable-admission-plugins=other adds to the default plugins, of which ServiceAccount is one: only --disable-admission-plugins (or the deprecated --admission-control list) turns it off; checkov requires the name written',
  'RbacBindRoleBindings:example_RbacBindRoleBindings':
    'test-should-fail-1 grants bind on rolebindings, which grants nothing: the RBAC escalation check asks for bind on the role a binding refers to (roles or clusterroles in rbac.authorization.k8s.io), never on the binding',
};
