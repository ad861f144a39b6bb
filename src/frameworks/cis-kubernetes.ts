/**
 * CIS Kubernetes Benchmark v1.10.0, sections 1 to 5, every recommendation with the benchmark's own
 * number and title, the title ending in its assessment status as the benchmark prints it:
 * "(Automated)" or "(Manual)". That status is the benchmark's (CIS does not score Manual
 * recommendations), not whether Palisade checks the control: rules here answer many Manual ones,
 * and the file permissions CIS automates on the node stay manual.
 *
 * Sections 1 to 4 are node and process configuration: what shows in static pod manifests, kubeadm
 * and Cluster API configurations (ClusterConfiguration, KubeadmControlPlane, kubelet flags in
 * nodeRegistration.kubeletExtraArgs), KubeletConfiguration and EncryptionConfiguration is checked,
 * file permissions and ownership on the node are manual. Section 5 is checked wherever the objects
 * answer it, including recommendations kube-bench leaves manual.
 */
import type { Control, Framework, RuleCheck } from './types.js';
import { ofComponent, only, rules } from './types.js';

/** Findings about the named flag, not a longer flag that ends the same way (--peer-cert-file vs --cert-file). */
function flag(rule: string, ...names: string[]): RuleCheck {
  return only(rule, new RegExp(`(^|[^-a-z])--(${names.join('|')})\\b(?!-)`));
}

const FILES = 'file permissions and ownership on the node are not part of any Kubernetes object; audit them on the host (kube-bench)';

function manual(id: string, title: string, reason: string): Control {
  return { id, title, manual: reason };
}

function automated(id: string, title: string, checks: readonly RuleCheck[], note?: string): Control {
  return note === undefined ? { id, title, checks } : { id, title, checks, note };
}

const SECTION_1_1: Control[] = [
  ['1.1.1', 'Ensure that the API server pod specification file permissions are set to 600 or more restrictive (Automated)'],
  ['1.1.2', 'Ensure that the API server pod specification file ownership is set to root:root (Automated)'],
  ['1.1.3', 'Ensure that the controller manager pod specification file permissions are set to 600 or more restrictive (Automated)'],
  ['1.1.4', 'Ensure that the controller manager pod specification file ownership is set to root:root (Automated)'],
  ['1.1.5', 'Ensure that the scheduler pod specification file permissions are set to 600 or more restrictive (Automated)'],
  ['1.1.6', 'Ensure that the scheduler pod specification file ownership is set to root:root (Automated)'],
  ['1.1.7', 'Ensure that the etcd pod specification file permissions are set to 600 or more restrictive (Automated)'],
  ['1.1.8', 'Ensure that the etcd pod specification file ownership is set to root:root (Automated)'],
  ['1.1.9', 'Ensure that the Container Network Interface file permissions are set to 600 or more restrictive (Manual)'],
  ['1.1.10', 'Ensure that the Container Network Interface file ownership is set to root:root (Manual)'],
  ['1.1.11', 'Ensure that the etcd data directory permissions are set to 700 or more restrictive (Automated)'],
  ['1.1.12', 'Ensure that the etcd data directory ownership is set to etcd:etcd (Automated)'],
  ['1.1.13', 'Ensure that the default administrative credential file permissions are set to 600 (Automated)'],
  ['1.1.14', 'Ensure that the default administrative credential file ownership is set to root:root (Automated)'],
  ['1.1.15', 'Ensure that the scheduler.conf file permissions are set to 600 or more restrictive (Automated)'],
  ['1.1.16', 'Ensure that the scheduler.conf file ownership is set to root:root (Automated)'],
  ['1.1.17', 'Ensure that the controller-manager.conf file permissions are set to 600 or more restrictive (Automated)'],
  ['1.1.18', 'Ensure that the controller-manager.conf file ownership is set to root:root (Automated)'],
  ['1.1.19', 'Ensure that the Kubernetes PKI directory and file ownership is set to root:root (Automated)'],
  ['1.1.20', 'Ensure that the Kubernetes PKI certificate file permissions are set to 600 or more restrictive (Manual)'],
  ['1.1.21', 'Ensure that the Kubernetes PKI key file permissions are set to 600 (Manual)'],
].map(([id = '', title = '']) => manual(id, title, FILES));

/**
 * With no audit log no retention setting can be right, with no audit policy no policy covers
 * anything, and with no encryption config no provider is right: these controls fail with the flag
 * that is missing, as kube-bench's do.
 */
const NO_AUDIT_LOG = only('apiserver-audit-log', /does not set --audit-log-path/);
const NO_AUDIT_POLICY = only('apiserver-audit-log', /--audit-policy-file/);
const NO_ENCRYPTION_CONFIG = only('apiserver-encryption-at-rest', /does not set --encryption-provider-config/);

const SECTION_1_2: Control[] = [
  automated('1.2.1', 'Ensure that the --anonymous-auth argument is set to false (Manual)', rules('apiserver-anonymous-auth')),
  automated('1.2.2', 'Ensure that the --token-auth-file parameter is not set (Automated)', [flag('apiserver-service-account-tokens', 'token-auth-file')]),
  automated('1.2.3', 'Ensure that the --DenyServiceExternalIPs is set (Manual)', [only('apiserver-recommended-admission-plugins', /DenyServiceExternalIPs/)]),
  automated('1.2.4', 'Ensure that the --kubelet-client-certificate and --kubelet-client-key arguments are set as appropriate (Automated)', [
    flag('apiserver-tls', 'kubelet-client-certificate', 'kubelet-client-key'),
  ]),
  automated('1.2.5', 'Ensure that the --kubelet-certificate-authority argument is set as appropriate (Automated)', [flag('apiserver-tls', 'kubelet-certificate-authority')]),
  automated('1.2.6', 'Ensure that the --authorization-mode argument is not set to AlwaysAllow (Automated)', [only('apiserver-authorization-mode', /AlwaysAllow/)]),
  automated('1.2.7', 'Ensure that the --authorization-mode argument includes Node (Automated)', [only('apiserver-authorization-mode', /AlwaysAllow|without Node/)]),
  automated('1.2.8', 'Ensure that the --authorization-mode argument includes RBAC (Automated)', [only('apiserver-authorization-mode', /AlwaysAllow|without RBAC/)]),
  automated('1.2.9', 'Ensure that the admission control plugin EventRateLimit is set (Manual)', [only('apiserver-recommended-admission-plugins', /EventRateLimit/)]),
  automated('1.2.10', 'Ensure that the admission control plugin AlwaysAdmit is not set (Automated)', [only('apiserver-admission-plugins', /AlwaysAdmit/)]),
  automated('1.2.11', 'Ensure that the admission control plugin AlwaysPullImages is set (Manual)', [only('apiserver-recommended-admission-plugins', /AlwaysPullImages/)]),
  automated('1.2.12', 'Ensure that the admission control plugin ServiceAccount is set (Automated)', [only('apiserver-admission-plugins', /\bServiceAccount admission plugin/)]),
  automated('1.2.13', 'Ensure that the admission control plugin NamespaceLifecycle is set (Automated)', [only('apiserver-admission-plugins', /NamespaceLifecycle admission plugin/)]),
  automated('1.2.14', 'Ensure that the admission control plugin NodeRestriction is set (Automated)', [only('apiserver-admission-plugins', /NodeRestriction/)]),
  automated('1.2.15', 'Ensure that the --profiling argument is set to false (Automated)', rules('apiserver-profiling')),
  automated('1.2.16', 'Ensure that the --audit-log-path argument is set (Automated)', [only('apiserver-audit-log', /does not set --audit-log-path/)]),
  automated('1.2.17', 'Ensure that the --audit-log-maxage argument is set to 30 or as appropriate (Automated)', [flag('apiserver-audit-log', 'audit-log-maxage'), NO_AUDIT_LOG]),
  automated('1.2.18', 'Ensure that the --audit-log-maxbackup argument is set to 10 or as appropriate (Automated)', [flag('apiserver-audit-log', 'audit-log-maxbackup'), NO_AUDIT_LOG]),
  automated('1.2.19', 'Ensure that the --audit-log-maxsize argument is set to 100 or as appropriate (Automated)', [flag('apiserver-audit-log', 'audit-log-maxsize'), NO_AUDIT_LOG]),
  manual('1.2.20', 'Ensure that the --request-timeout argument is set as appropriate (Manual)', 'the appropriate timeout depends on the cluster\'s workloads; the benchmark leaves the value to the operator'),
  automated('1.2.21', 'Ensure that the --service-account-lookup argument is set to true (Automated)', [flag('apiserver-service-account-tokens', 'service-account-lookup')]),
  automated('1.2.22', 'Ensure that the --service-account-key-file argument is set as appropriate (Automated)', [flag('apiserver-service-account-tokens', 'service-account-key-file')]),
  automated('1.2.23', 'Ensure that the --etcd-certfile and --etcd-keyfile arguments are set as appropriate (Automated)', [flag('apiserver-tls', 'etcd-certfile', 'etcd-keyfile')]),
  automated('1.2.24', 'Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate (Automated)', [flag('apiserver-tls', 'tls-cert-file', 'tls-private-key-file')]),
  automated('1.2.25', 'Ensure that the --client-ca-file argument is set as appropriate (Automated)', [flag('apiserver-tls', 'client-ca-file')]),
  automated('1.2.26', 'Ensure that the --etcd-cafile argument is set as appropriate (Automated)', [flag('apiserver-tls', 'etcd-cafile')]),
  automated('1.2.27', 'Ensure that the --encryption-provider-config argument is set as appropriate (Manual)', rules('apiserver-encryption-at-rest')),
  automated('1.2.28', 'Ensure that encryption providers are appropriately configured (Manual)', [...rules('encryption-config'), NO_ENCRYPTION_CONFIG], 'the providers are judged when the EncryptionConfiguration file is among the inputs'),
  automated('1.2.29', 'Ensure that the API Server only makes use of Strong Cryptographic Ciphers (Manual)', [only('apiserver-tls', /weak TLS cipher suites|--tls-min-version/)], 'suites left to Go\'s defaults are not reported'),
];

const SECTION_1_3_4: Control[] = [
  manual('1.3.1', 'Ensure that the --terminated-pod-gc-threshold argument is set as appropriate (Manual)', 'the appropriate threshold depends on the cluster\'s size; the benchmark leaves the value to the operator'),
  automated('1.3.2', 'Ensure that the --profiling argument is set to false (Automated)', [ofComponent('control-plane-profiling', 'kube-controller-manager')]),
  automated('1.3.3', 'Ensure that the --use-service-account-credentials argument is set to true (Automated)', [
    flag('controller-manager-service-account-credentials', 'use-service-account-credentials'),
  ]),
  automated('1.3.4', 'Ensure that the --service-account-private-key-file argument is set as appropriate (Automated)', [
    flag('controller-manager-service-account-credentials', 'service-account-private-key-file'),
  ]),
  automated('1.3.5', 'Ensure that the --root-ca-file argument is set as appropriate (Automated)', [flag('controller-manager-service-account-credentials', 'root-ca-file')]),
  automated('1.3.6', 'Ensure that the RotateKubeletServerCertificate argument is set to true (Automated)', rules('controller-manager-kubelet-cert-rotation')),
  automated('1.3.7', 'Ensure that the --bind-address argument is set to 127.0.0.1 (Automated)', [ofComponent('control-plane-bind-address', 'kube-controller-manager')]),
  automated('1.4.1', 'Ensure that the --profiling argument is set to false (Automated)', [ofComponent('control-plane-profiling', 'kube-scheduler')]),
  automated('1.4.2', 'Ensure that the --bind-address argument is set to 127.0.0.1 (Automated)', [ofComponent('control-plane-bind-address', 'kube-scheduler')]),
];

const SECTION_2: Control[] = [
  automated('2.1', 'Ensure that the --cert-file and --key-file arguments are set as appropriate (Automated)', [flag('etcd-tls', 'cert-file', 'key-file', 'listen-client-urls')]),
  automated('2.2', 'Ensure that the --client-cert-auth argument is set to true (Automated)', [flag('etcd-client-cert-auth', 'client-cert-auth')]),
  automated('2.3', 'Ensure that the --auto-tls argument is not set to true (Automated)', [flag('etcd-client-cert-auth', 'auto-tls')]),
  automated('2.4', 'Ensure that the --peer-cert-file and --peer-key-file arguments are set as appropriate (Automated)', [
    flag('etcd-tls', 'peer-cert-file', 'peer-key-file', 'listen-peer-urls'),
  ]),
  automated('2.5', 'Ensure that the --peer-client-cert-auth argument is set to true (Automated)', [flag('etcd-client-cert-auth', 'peer-client-cert-auth')]),
  automated('2.6', 'Ensure that the --peer-auto-tls argument is not set to true (Automated)', [flag('etcd-client-cert-auth', 'peer-auto-tls')]),
  automated('2.7', 'Ensure that a unique Certificate Authority is used for etcd (Manual)', rules('etcd-unique-ca'), 'fails when etcd\'s --trusted-ca-file is the API server\'s --client-ca-file; a copy of that CA under another path is not detected, as the files\' contents are on the node'),
];

const USERS = 'how people authenticate (client certificates, tokens, OIDC) is decided outside Kubernetes objects: review the identity provider and issued credentials';

const SECTION_3: Control[] = [
  manual('3.1.1', 'Client certificate authentication should not be used for users (Manual)', USERS),
  manual('3.1.2', 'Service account token authentication should not be used for users (Manual)', USERS),
  manual('3.1.3', 'Bootstrap token authentication should not be used for users (Manual)', USERS),
  automated('3.2.1', 'Ensure that a minimal audit policy is created (Manual)', [NO_AUDIT_POLICY]),
  automated('3.2.2', 'Ensure that the audit policy covers key security concerns (Manual)', [...rules('audit-policy-coverage'), NO_AUDIT_POLICY], 'the policy is judged when its file is among the inputs'),
];

const KUBELET = 'needs the KubeletConfiguration among the inputs, a kubeadm InitConfiguration or Cluster API KubeadmControlPlane (judged with the kubelet configuration kubeadm writes by default), or kubelet flags in nodeRegistration.kubeletExtraArgs';

/**
 * kubelet-config findings about one setting: `phrase` (a pattern) in a KubeletConfiguration
 * finding, or the command-line `flag` in a kubelet-flags finding ("passes the kubelet --flag=").
 */
function kubelet(phrase: string | undefined, flag?: string): RuleCheck {
  const patterns = [...(phrase === undefined ? [] : [phrase]), ...(flag === undefined ? [] : [`passes the kubelet --${flag}=`])];
  return only('kubelet-config', new RegExp(patterns.join('|')));
}

const SECTION_4: Control[] = [
  ...[
    ['4.1.1', 'Ensure that the kubelet service file permissions are set to 600 or more restrictive (Automated)'],
    ['4.1.2', 'Ensure that the kubelet service file ownership is set to root:root (Automated)'],
    ['4.1.3', 'If proxy kubeconfig file exists ensure permissions are set to 600 or more restrictive (Manual)'],
    ['4.1.4', 'If proxy kubeconfig file exists ensure ownership is set to root:root (Manual)'],
    ['4.1.5', 'Ensure that the --kubeconfig kubelet.conf file permissions are set to 600 or more restrictive (Automated)'],
    ['4.1.6', 'Ensure that the --kubeconfig kubelet.conf file ownership is set to root:root (Automated)'],
    ['4.1.7', 'Ensure that the certificate authorities file permissions are set to 600 or more restrictive (Manual)'],
    ['4.1.8', 'Ensure that the client certificate authorities file ownership is set to root:root (Manual)'],
    ['4.1.9', 'If the kubelet config.yaml configuration file is being used validate permissions set to 600 or more restrictive (Automated)'],
    ['4.1.10', 'If the kubelet config.yaml configuration file is being used validate file ownership is set to root:root (Automated)'],
  ].map(([id = '', title = '']) => manual(id, title, FILES)),
  automated('4.2.1', 'Ensure that the --anonymous-auth argument is set to false (Automated)', [kubelet('anonymous authentication')], KUBELET),
  automated('4.2.2', 'Ensure that the --authorization-mode argument is not set to AlwaysAllow (Automated)', [kubelet('AlwaysAllow')], KUBELET),
  automated('4.2.3', 'Ensure that the --client-ca-file argument is set as appropriate (Automated)', [kubelet('clientCAFile', 'client-ca-file')], KUBELET),
  automated('4.2.4', 'Verify that the --read-only-port argument is set to 0 (Manual)', [kubelet('read-only port')], KUBELET),
  automated('4.2.5', 'Ensure that the --streaming-connection-idle-timeout argument is not set to 0 (Manual)', [kubelet('streamingConnectionIdleTimeout', 'streaming-connection-idle-timeout')], KUBELET),
  automated('4.2.6', 'Ensure that the --make-iptables-util-chains argument is set to true (Automated)', [kubelet('makeIPTablesUtilChains', 'make-iptables-util-chains')], KUBELET),
  automated(
    '4.2.7',
    'Ensure that the --hostname-override argument is not set (Manual)',
    [kubelet(undefined, 'hostname-override')],
    'a command-line-only kubelet flag: judged where the input gives kubelet flags (kubeadm or Cluster API nodeRegistration.kubeletExtraArgs); a KubeletConfiguration cannot set it, and flags kept only in the node\'s service unit or kubeadm-flags.env are not read',
  ),
  manual('4.2.8', 'Ensure that the eventRecordQPS argument is set to a level which ensures appropriate event capture (Manual)', 'the appropriate level depends on the cluster; the benchmark leaves the value to the operator'),
  automated('4.2.9', 'Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate (Manual)', [kubelet('tlsCertFile|tlsPrivateKeyFile')], `${KUBELET}; a certificate requested with serverTLSBootstrap passes, which kube-bench does not accept`),
  automated('4.2.10', 'Ensure that the --rotate-certificates argument is not set to false (Automated)', [kubelet('rotateCertificates', 'rotate-certificates')], KUBELET),
  automated('4.2.11', 'Verify that the RotateKubeletServerCertificate argument is set to true (Manual)', [kubelet('RotateKubeletServerCertificate')], KUBELET),
  automated('4.2.12', 'Ensure that the Kubelet only makes use of Strong Cryptographic Ciphers (Manual)', [kubelet('weak TLS cipher suites|tlsMinVersion', 'tls-min-version')], `${KUBELET}; suites left to Go's defaults are not reported`),
  automated('4.2.13', 'Ensure that a limit is set on pod PIDs (Manual)', [kubelet('podPidsLimit', 'pod-max-pids')], KUBELET),
  automated('4.3.1', 'Ensure that the kube-proxy metrics service is bound to localhost (Automated)', rules('kube-proxy-metrics-bind-address')),
];

const SECTION_5: Control[] = [
  automated('5.1.1', 'Ensure that the cluster-admin role is only used where required (Automated)', rules('rbac-cluster-admin-binding')),
  automated('5.1.2', 'Minimize access to secrets (Automated)', rules('rbac-secret-read')),
  automated('5.1.3', 'Minimize wildcard use in Roles and ClusterRoles (Automated)', rules('rbac-wildcard')),
  automated('5.1.4', 'Minimize access to create pods (Automated)', rules('rbac-workload-create')),
  automated('5.1.5', 'Ensure that default service accounts are not actively used (Automated)', [
    ...rules('default-service-account', 'role-binding-to-default-sa'),
    // Only the namespaces' default accounts: an app's own ServiceAccount automounting is 5.1.6.
    only('service-account-automount', /^ServiceAccount "[^"]*\/default" /),
  ]),
  automated('5.1.6', 'Ensure that Service Account Tokens are only mounted where necessary (Automated)', rules('service-account-automount', 'service-account-token-automount')),
  manual('5.1.7', 'Avoid use of system:masters group (Manual)', 'membership of system:masters is carried in client certificates, which are not Kubernetes objects; no binding can grant or revoke it'),
  automated('5.1.8', 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster (Manual)', rules('rbac-escalation-verbs')),
  automated('5.1.9', 'Minimize access to create persistent volumes (Manual)', rules('rbac-persistent-volume-create')),
  automated('5.1.10', 'Minimize access to the proxy sub-resource of nodes (Manual)', rules('rbac-nodes-proxy')),
  automated('5.1.11', 'Minimize access to the approval sub-resource of certificatesigningrequests objects (Manual)', rules('rbac-csr-approval')),
  automated('5.1.12', 'Minimize access to webhook configuration objects (Manual)', rules('rbac-webhook-config-write')),
  automated('5.1.13', 'Minimize access to the service account token creation (Manual)', rules('rbac-token-create')),
  manual(
    '5.2.1',
    'Ensure that the cluster has at least one active policy control mechanism in place (Manual)',
    'the mechanism is an admission plugin or an external webhook policy engine, configured outside the objects; namespace-without-pod-security reports namespaces where Pod Security admission enforces nothing, and pss-namespace-enforce the pods their labels would refuse',
  ),
  automated('5.2.2', 'Minimize the admission of privileged containers (Manual)', [only('privileged-container', /runs privileged/)]),
  automated('5.2.3', 'Minimize the admission of containers wishing to share the host process ID namespace (Manual)', [only('host-namespaces', /hostPID/)]),
  automated('5.2.4', 'Minimize the admission of containers wishing to share the host IPC namespace (Manual)', [only('host-namespaces', /hostIPC/)]),
  automated('5.2.5', 'Minimize the admission of containers wishing to share the host network namespace (Manual)', [only('host-namespaces', /hostNetwork/)]),
  automated('5.2.6', 'Minimize the admission of containers with allowPrivilegeEscalation (Manual)', rules('privilege-escalation-allowed')),
  automated('5.2.7', 'Minimize the admission of root containers (Manual)', rules('run-as-root', 'run-as-uid-zero')),
  automated('5.2.8', 'Minimize the admission of containers with the NET_RAW capability (Manual)', [only('dangerous-capabilities', /NET_RAW/), ...rules('capabilities-not-dropped')], 'NET_RAW is in the containerd and Docker default set (CRI-O\'s configurable default may leave it out), so a container that does not drop ALL keeps it there'),
  automated('5.2.9', 'Minimize the admission of containers with added capabilities (Manual)', rules('dangerous-capabilities'), 'reports added capabilities that reach outside the container, not every added one'),
  automated('5.2.10', 'Minimize the admission of containers with capabilities assigned (Manual)', rules('capabilities-not-dropped')),
  automated('5.2.11', 'Minimize the admission of Windows HostProcess containers (Manual)', [only('privileged-container', /HostProcess/), ...rules('windows-host-process')]),
  automated('5.2.12', 'Minimize the admission of HostPath volumes (Manual)', rules('persistent-volume-host-path', 'sensitive-host-path', 'writable-host-path'), 'reports hostPath volumes that reach sensitive host locations or are mounted writable, and hostPath PersistentVolumes'),
  automated('5.2.13', 'Minimize the admission of containers which use HostPorts (Manual)', rules('host-port')),
  manual('5.3.1', 'Ensure that the CNI in use supports NetworkPolicies (Manual)', 'the CNI plugin is node configuration; objects do not say whether it enforces NetworkPolicy'),
  automated('5.3.2', 'Ensure that all Namespaces have NetworkPolicies defined (Manual)', rules('namespace-without-default-deny', 'namespace-without-network-policy', 'network-policy-allows-all-ingress', 'network-policy-selects-no-pod', 'workload-not-isolated-for-egress', 'workload-not-isolated-for-ingress')),
  automated('5.4.1', 'Prefer using Secrets as files over Secrets as environment variables (Manual)', rules('secret-as-env-var', 'secret-in-env-literal')),
  manual('5.4.2', 'Consider external secret storage (Manual)', 'where secrets are stored and rotated is an architecture decision outside the objects'),
  manual('5.5.1', 'Configure Image Provenance using ImagePolicyWebhook admission controller (Manual)', 'the webhook\'s backend and policy live outside the cluster objects; untrusted-registry checks image origins directly'),
  manual('5.7.1', 'Create administrative boundaries between resources using namespaces (Manual)', 'which boundaries fit is an organisational decision; workload-in-default-namespace reports the missing ones'),
  automated('5.7.2', 'Ensure that the seccomp profile is set to docker/default in your Pod definitions (Manual)', rules('seccomp-unconfined')),
  automated('5.7.3', 'Apply SecurityContext to your Pods and Containers (Manual)', rules('apparmor-unconfined', 'capabilities-not-dropped', 'privilege-escalation-allowed', 'run-as-root', 'seccomp-unconfined', 'writable-root-filesystem')),
  automated('5.7.4', 'The default namespace should not be used (Manual)', rules('workload-in-default-namespace')),
];

export const CIS_KUBERNETES: Framework = {
  id: 'cis-kubernetes',
  title: 'CIS Kubernetes Benchmark',
  version: 'v1.10.0',
  url: 'https://www.cisecurity.org/benchmark/kubernetes',
  controls: [...SECTION_1_1, ...SECTION_1_2, ...SECTION_1_3_4, ...SECTION_2, ...SECTION_3, ...SECTION_4, ...SECTION_5],
};
