/**
 * How the workload rules line up with other scanners' checks in ../shared/testdata: which of our
 * rules (and which of its findings, by message) answers each foreign check. Used by the
 * conformance tests only.
 */

export interface CheckMapping {
  readonly rule: string;
  /** Only findings whose message matches count (rules that report several things, e.g. host-namespaces). */
  readonly message?: RegExp;
  /**
   * Further rules whose findings count too, where one foreign check asks what two of ours answer
   * (Kubescape's privileged container: privileged, or an added SYS_ADMIN).
   */
  readonly also?: readonly CheckMapping[];
}

/** Kubescape regolibrary rule -> our rule. */
export const KUBESCAPE: Readonly<Record<string, CheckMapping>> = {
  // privileged-container reports both securityContext.privileged and Windows HostProcess.
  // Kubescape's privileged container is privileged or adds SYS_ADMIN (dangerous-capabilities reports that).
  'rule-privileged-container': { rule: 'privileged-container', message: /runs privileged/, also: [{ rule: 'dangerous-capabilities', message: /adds (?:CAP_)?SYS_ADMIN\b/i }] },
  'set-hostprocess-true': { rule: 'privileged-container', message: /HostProcess/ },
  'rule-allow-privilege-escalation': { rule: 'privilege-escalation-allowed' },
  'non-root-containers': { rule: 'run-as-root' },
  'immutable-container-filesystem': { rule: 'writable-root-filesystem' },
  'insecure-capabilities': { rule: 'dangerous-capabilities' },
  // NET_RAW stays unless the container drops ALL or NET_RAW itself: findings that do not name NET_RAW as dropped.
  'drop-capability-netraw': { rule: 'capabilities-not-dropped', message: /^(?!.*\bNET_RAW\b)/ },
  'host-network-access': { rule: 'host-namespaces', message: /hostNetwork/ },
  'host-ipc-privileges': { rule: 'host-namespaces', message: /hostIPC/ },
  'host-pid-privileges': { rule: 'host-namespaces', message: /hostPID/ },
  'host-pid-ipc-privileges': { rule: 'host-namespaces', message: /hostPID|hostIPC/ },
  // Any hostPath volume, sensitive or not: the Baseline standard's "hostPath volumes" control.
  'alert-any-hostpath': { rule: 'pss-baseline', message: /^hostPath volumes\b/ },
  'alert-mount-potential-credentials-paths': { rule: 'sensitive-host-path' },
  // Container runtime sockets only, not every sensitive path.
  'containers-mounting-docker-socket': { rule: 'sensitive-host-path', message: /socket/ },
  'container-hostPort': { rule: 'host-port' },
  // A profile must be defined (Unconfined is one); set-seccomp-profile-RuntimeDefault judges its type.
  'set-seccomp-profile': { rule: 'seccomp-unconfined', message: /has no seccomp profile/ },
  'set-seccomp-profile-RuntimeDefault': { rule: 'seccomp-unconfined' },
  'resources-cpu-limits': { rule: 'resource-limits', message: /no cpu limit/ },
  'resources-memory-limits': { rule: 'resource-limits', message: /no memory limit/ },
  'resources-cpu-requests': { rule: 'resource-requests', message: /no cpu request/ },
  'resources-memory-requests': { rule: 'resource-requests', message: /no memory request/ },
  'configured-liveness-probe': { rule: 'probes-missing', message: /no liveness probe/ },
  'configured-readiness-probe': { rule: 'probes-missing', message: /no readiness probe/ },
  'image-not-pinned-to-digest': { rule: 'image-not-pinned-by-digest' },
  'image-pull-policy-is-not-set-to-always': { rule: 'image-pull-policy' },
  'container-image-repository': { rule: 'untrusted-registry' },
  'automount-service-account': { rule: 'service-account-token-automount' },
  // Kubescape also alerts on envFrom.secretRef, which secret-as-env-var reports.
  'rule-credentials-in-env-var': { rule: 'secret-in-env-literal', also: [{ rule: 'secret-as-env-var', message: /\(envFrom\)$/ }] },
  'naked-pods': { rule: 'pod-without-owner' },
};

/**
 * Cases where Kubescape and Palisade disagree on purpose, with the reason. Anything else that
 * disagrees is a bug (or a new upstream case to look at).
 */
export const KUBESCAPE_DIFFERENCES: Readonly<Record<string, string>> = {
  'alert-mount-potential-credentials-paths/pod_eks_passed': 'a path under /.aws is credentials to us wherever it points; Kubescape matches fixed file names only',
  'resources-cpu-requests/pod-only-requests': 'the API server defaults a missing request to the container\'s limit, so the request is set',
  'resources-memory-requests/pod-only-requests': 'same request-from-limit defaulting',
  'image-not-pinned-to-digest/pod-custom-digest': 'an unregistered digest algorithm makes the reference invalid to the runtime, so nothing is pinned',
  'container-image-repository/pod-passed': 'an invalid image reference ("host/") cannot be trusted; Kubescape matches its prefix',
  'rule-credentials-in-env-var/env-value-akia-key': 'the value is AKIAIOSFODNN7EXAMPLE, the key AWS documentation uses as an example: every Palisade secret rule treats it as a placeholder (as gitleaks does), so sample configuration does not bury real leaks',
  'rule-credentials-in-env-var/deployment': 'Kubescape\'s case configures "JWT" as a sensitive value; a literal "JWT" is not a credential',
  'rule-credentials-in-env-var/pod': 'Kubescape\'s case configures "_key_" as a sensitive value substring',
};

/** Polaris check -> our rule. */
export const POLARIS: Readonly<Record<string, CheckMapping>> = {
  runAsPrivileged: { rule: 'privileged-container', message: /runs privileged/ },
  hostProcess: { rule: 'privileged-container', message: /HostProcess/ },
  privilegeEscalationAllowed: { rule: 'privilege-escalation-allowed' },
  runAsRootAllowed: { rule: 'run-as-root' },
  notReadOnlyRootFilesystem: { rule: 'writable-root-filesystem' },
  insecureCapabilities: { rule: 'capabilities-not-dropped' },
  dangerousCapabilities: { rule: 'dangerous-capabilities' },
  hostIPCSet: { rule: 'host-namespaces', message: /hostIPC/ },
  hostNetworkSet: { rule: 'host-namespaces', message: /hostNetwork/ },
  hostPIDSet: { rule: 'host-namespaces', message: /hostPID/ },
  hostPathSet: { rule: 'pss-baseline', message: /^hostPath volumes\b/ },
  hostPortSet: { rule: 'host-port' },
  cpuLimitsMissing: { rule: 'resource-limits', message: /no cpu limit/ },
  memoryLimitsMissing: { rule: 'resource-limits', message: /no memory limit/ },
  cpuRequestsMissing: { rule: 'resource-requests', message: /no cpu request/ },
  memoryRequestsMissing: { rule: 'resource-requests', message: /no memory request/ },
  livenessProbeMissing: { rule: 'probes-missing', message: /no liveness probe/ },
  readinessProbeMissing: { rule: 'probes-missing', message: /no readiness probe/ },
  tagNotSpecified: { rule: 'image-tag-latest' },
  pullPolicyNotAlways: { rule: 'image-pull-policy' },
  automountServiceAccountToken: { rule: 'service-account-token-automount' },
  sensitiveContainerEnvVar: { rule: 'secret-in-env-literal' },
};

export const POLARIS_DIFFERENCES: Readonly<Record<string, string>> = {
  'checks/insecureCapabilities/success.pod.yaml':
    'the list drops the 14 capabilities of the containerd and Docker default set by name, which empties the set only where the node runtime uses that default (CRI-O default_capabilities and containerd base specs can add others); capabilities-not-dropped asks for drop: [ALL], which empties it on every node, as the Restricted standard does',
  'checks/pullPolicyNotAlways/failure.yaml': 'an untagged image gets imagePullPolicy Always from the API server default',
  'checks/pullPolicyNotAlways/failure.cron-job.yaml': 'same API default for an untagged image',
};

/** kube-linter check -> our rule. */
export const KUBE_LINTER: Readonly<Record<string, CheckMapping>> = {
  'default-service-account': { rule: 'default-service-account' },
  'docker-sock': { rule: 'sensitive-host-path', message: /docker/i },
  'env-var-secret': { rule: 'secret-in-env-literal' },
  'host-ipc': { rule: 'host-namespaces', message: /hostIPC/ },
  'host-network': { rule: 'host-namespaces', message: /hostNetwork/ },
  'no-liveness-probe': { rule: 'probes-missing', message: /no liveness probe/ },
  'no-readiness-probe': { rule: 'probes-missing', message: /no readiness probe/ },
  'privilege-escalation-container': { rule: 'privilege-escalation-allowed' },
  'privileged-container': { rule: 'privileged-container', message: /runs privileged/ },
  'sensitive-host-mounts': { rule: 'sensitive-host-path' },
  'unset-cpu-requirements': { rule: 'resource-requests', message: /no cpu request/ },
  'unset-memory-requirements': { rule: 'resource-limits', message: /no memory limit/ },
};

/** Kalm benchmark check id (or id prefix before `-<n>`) -> our rule. */
export const KALM: Readonly<Record<string, CheckMapping>> = {
  'POD-002': { rule: 'default-service-account' },
  'POD-003': { rule: 'service-account-token-automount' },
  'POD-008': { rule: 'host-namespaces', message: /hostPID/ },
  'POD-009': { rule: 'host-namespaces', message: /hostIPC/ },
  'POD-010': { rule: 'host-namespaces', message: /hostNetwork/ },
  'POD-011': { rule: 'host-port' },
  'POD-015': { rule: 'seccomp-unconfined' },
  'POD-023': { rule: 'seccomp-unconfined' },
  'POD-017': { rule: 'run-as-root' },
  // POD-017 asks for runAsNonRoot; POD-018 and POD-019 judge the runAsUser and runAsGroup values.
  'POD-018': { rule: 'run-as-uid-zero', message: /\bUID 0\b/ },
  'POD-019': { rule: 'run-as-uid-zero', message: /GID/ },
  'POD-021': { rule: 'unsafe-sysctls' },
  'POD-025': { rule: 'secret-in-env-literal' },
  'POD-031': { rule: 'privilege-escalation-allowed' },
  'POD-032': { rule: 'privileged-container', message: /runs privileged/ },
  'POD-033': { rule: 'writable-root-filesystem' },
  'POD-034': { rule: 'dangerous-capabilities' },
  'POD-035': { rule: 'dangerous-capabilities' },
  // "hostPath tolerated when read-only": the write access, not the path.
  'POD-042': { rule: 'writable-host-path' },
  'POD-043': { rule: 'sensitive-host-path' },
  'POD-044': { rule: 'sensitive-host-path' },
  'REL-002': { rule: 'probes-missing', message: /no liveness probe/ },
  'RES-001': { rule: 'resource-requests', message: /no memory request/ },
  'RES-002': { rule: 'resource-limits', message: /no memory limit/ },
  'RES-003': { rule: 'resource-requests', message: /no cpu request/ },
  'RES-004': { rule: 'resource-limits', message: /no cpu limit/ },
  'RES-006': { rule: 'resource-limits', message: /no ephemeral-storage limit/ },
  'SC-001': { rule: 'image-pull-policy' },
  'SC-002': { rule: 'image-tag-latest' },
  'WL-001': { rule: 'pod-without-owner' },
};

/** Kalm objects where Palisade disagrees on purpose, by object name. */
export const KALM_DIFFERENCES: Readonly<Record<string, string>> = {
  'pod-018-1-no-runasuser-defaults-to-root-user':
    'no runAsUser is set, so the image\'s user runs, and runAsNonRoot: true makes the kubelet refuse to start it as UID 0; Kalm wants an explicit UID above 1000 even then',
  'pod-035-1-using-insecure-capability-audit-write':
    'AUDIT_WRITE is in the containerd and Docker default set (any container that does not drop it has it, which capabilities-not-dropped reports); it only appends records to the node\'s audit log and reads or changes nothing outside the container',
  'pod-035-11-using-insecure-capability-net-bind-service': 'NET_BIND_SERVICE is the capability hardening guides recommend adding back',
  'pod-035-19-using-insecure-capability-sys-chroot': 'SYS_CHROOT is in the containerd and Docker default set, and chroot only moves within the container\'s own mount namespace',
  'pod-035-4-using-insecure-capability-dac-overrides': '"DAC_OVERRIDES" is not a Linux capability: the OCI runtimes (runc, crun) log a warning and grant nothing for a name they do not know (runtime-spec), so nothing is added',
  'pod-035-6-using-insecure-capability-fsetid': 'FSETID only keeps setuid bits on files the container already owns',
  'pod-035-7-using-insecure-capability-kill': 'KILL reaches only the container\'s own processes',
  'res-001-2-no-memory-requests': 'the API server defaults the missing memory request to the container\'s memory limit',
  'res-004-1-default-cpu-limits-from-namespace': 'the benchmark\'s LimitRange names no namespace, so as written it lands in "default", not in the workload\'s namespace',
  'sc-001-2-no-proper-imagepullpolicy-set': 'the image is pinned by digest, so no pull policy can run different content',
};
