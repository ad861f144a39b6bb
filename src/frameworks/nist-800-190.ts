/**
 * NIST SP 800-190, Application Container Security Guide (September 2017): the countermeasures of
 * section 4, one control per risk they answer (4.1.1 to 4.5.5), titled as the guide titles them,
 * and the hardware countermeasures of 4.6, which answer no single risk.
 */
import type { Control, Framework } from './types.js';
import { only, rules } from './types.js';

function manual(id: string, title: string, reason: string): Control {
  return { id, title, manual: reason };
}

const IMAGE_CONTENTS = 'needs the image contents and vulnerability or malware data: scan the images themselves';
const HOST = 'the host operating system and its administration are outside the Kubernetes objects Palisade reads';
const KUBELET_NODE_TRUST = only(
  'kubelet-config',
  /anonymous authentication|webhook authentication|--authentication-token-webhook=|clientCAFile|--client-ca-file=|AlwaysAllow|read-only port|tlsCertFile|tlsPrivateKeyFile|rotateCertificates|--rotate-certificates=|RotateKubeletServerCertificate|weak TLS cipher suites|tlsMinVersion|--tls-min-version=|--hostname-override=/,
);

export const NIST_800_190: Framework = {
  id: 'nist-800-190',
  title: 'NIST SP 800-190 Application Container Security Guide',
  version: 'September 2017',
  url: 'https://doi.org/10.6028/NIST.SP.800-190',
  controls: [
    manual('4.1.1', 'Image vulnerabilities', IMAGE_CONTENTS),
    { id: '4.1.2', title: 'Image configuration defects', checks: rules('dockerfile-package-install-flags', 'dockerfile-sudo', 'image-package-cache', 'image-runs-as-root', 'image-setuid-files', 'run-as-root', 'run-as-uid-zero'), note: 'the pod spec decides whether the image\'s root user is used' },
    manual('4.1.3', 'Embedded malware', IMAGE_CONTENTS),
    { id: '4.1.4', title: 'Embedded clear text secrets', checks: rules('image-secret-in-config', 'secret-in-annotation', 'secret-in-configmap', 'secret-in-env-literal'), note: 'secrets inside image layers need the image scan' },
    { id: '4.1.5', title: 'Use of untrusted images', checks: rules('dockerfile-add-from-url', 'dockerfile-base-image-latest', 'dockerfile-copy-from-unknown-stage', 'dockerfile-curl-pipe-shell', 'dockerfile-unpinned-packages', 'dockerfile-untrusted-registry', 'image-not-pinned-by-digest', 'untrusted-registry') },
    manual('4.2.1', 'Insecure connections to registries', 'registry transport security is container runtime configuration on the nodes'),
    { id: '4.2.2', title: 'Stale images in registries', checks: rules('image-base-end-of-life', 'image-pull-policy', 'image-tag-latest') },
    manual('4.2.3', 'Insufficient authentication and authorization restrictions', 'the registry\'s access control is configured in the registry, not in the cluster'),
    {
      id: '4.3.1',
      title: 'Unbounded administrative access',
      checks: rules('cluster-role-aggregation-to-admin', 'kubernetes-dashboard-exposed', 'rbac-cluster-admin-binding', 'rbac-escalation-verbs', 'rbac-nodes-proxy', 'rbac-pod-exec', 'rbac-secret-read', 'rbac-token-create', 'rbac-wildcard', 'rbac-workload-create', 'tiller-deployed'),
    },
    {
      id: '4.3.2',
      title: 'Unauthorized access',
      checks: rules('apiserver-anonymous-auth', 'apiserver-authorization-mode', 'apiserver-encryption-at-rest', 'apiserver-insecure-port', 'encryption-config', 'long-lived-sa-token-secret', 'rbac-anonymous-binding'),
    },
    { id: '4.3.3', title: 'Poorly separated inter-container network traffic', checks: rules('namespace-without-default-deny', 'namespace-without-network-policy', 'network-policy-allows-all-ingress') },
    manual('4.3.4', 'Mixing of workload sensitivity levels', 'sensitivity levels are the organisation\'s classification; objects do not say which workloads may share nodes'),
    {
      id: '4.3.5',
      title: 'Orchestrator node trust',
      // The kubelet's identity, authentication and TLS; its PID limit or iptables chains are not node trust.
      checks: [...rules('apiserver-tls', 'etcd-client-cert-auth', 'etcd-tls'), only('apiserver-admission-plugins', /NodeRestriction/), KUBELET_NODE_TRUST],
    },
    manual('4.4.1', 'Vulnerabilities within the runtime software', 'the container runtime\'s version and patches are node data, not objects'),
    { id: '4.4.2', title: 'Unbounded network access from containers', checks: [...rules('egress-to-internet', 'namespace-without-default-deny'), only('host-namespaces', /hostNetwork/)] },
    {
      id: '4.4.3',
      title: 'Insecure container runtime configurations',
      checks: rules(
        'apparmor-unconfined',
        'capabilities-not-dropped',
        'dangerous-capabilities',
        'host-namespaces',
        'host-port',
        'privilege-escalation-allowed',
        'privileged-container',
        'proc-mount-unmasked',
        'seccomp-unconfined',
        'selinux-custom-options',
        'sensitive-host-path',
        'share-process-namespace',
        'unsafe-sysctls',
        'windows-host-process',
      ),
    },
    { id: '4.4.4', title: 'App vulnerabilities', checks: rules('writable-root-filesystem'), note: 'a read-only root filesystem limits what an exploited app can change; the vulnerabilities themselves need the image scan' },
    { id: '4.4.5', title: 'Rogue containers', checks: rules('pss-namespace-enforce', 'untrusted-registry', 'webhook-failure-policy-ignore') },
    manual('4.5.1', 'Large attack surface', HOST),
    manual('4.5.2', 'Shared kernel', 'which workloads share a host kernel is decided by node pools and scheduling policy outside the objects Palisade judges'),
    manual('4.5.3', 'Host OS component vulnerabilities', HOST),
    manual('4.5.4', 'Improper user access rights', 'direct logins to the hosts are managed on the hosts, not in Kubernetes'),
    { id: '4.5.5', title: 'Host OS file system tampering', checks: rules('persistent-volume-host-path', 'sensitive-host-path', 'writable-host-path') },
    // Section 4 ends with countermeasures that answer no single risk: one control, no risk number below it.
    manual('4.6', 'Hardware Countermeasures', 'a hardware root of trust, measured boot and attestation of the hosts are firmware and platform properties, not Kubernetes objects'),
  ],
};
