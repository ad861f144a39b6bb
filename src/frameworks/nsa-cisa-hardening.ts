/**
 * NSA/CISA Kubernetes Hardening Guide, version 1.2 (August 2022). The guide numbers no controls, so
 * each control is one of its recommendation sections: the id is a slug of the section path, the
 * title the guide's heading.
 */
import type { Control, Framework } from './types.js';
import { only, rules } from './types.js';

function manual(id: string, title: string, reason: string): Control {
  return { id, title, manual: reason };
}

/**
 * kubelet-config reports settings of several sections of the guide, so each control counts only its
 * own findings (KubeletConfiguration fields, or kubelet flags of kubeadm objects: "--name="): a
 * missing podPidsLimit is a resource policy, not an authentication failure. Who may call the kubelet
 * API (its authentication, its unauthenticated port, AlwaysAllow) is Authentication.
 */
const KUBELET_API_ACCESS = only('kubelet-config', /anonymous authentication|webhook authentication|--authentication-token-webhook=|clientCAFile|--client-ca-file=|read-only port|AlwaysAllow/);
const KUBELET_TLS = only('kubelet-config', /tlsCertFile|tlsPrivateKeyFile|weak TLS cipher suites|tlsMinVersion|--tls-min-version=/);
const KUBELET_PID_LIMIT = only('kubelet-config', /podPidsLimit|--pod-max-pids=/);

export const NSA_CISA: Framework = {
  id: 'nsa-cisa',
  title: 'NSA/CISA Kubernetes Hardening Guide',
  version: 'v1.2',
  url: 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  controls: [
    { id: 'pod-security/non-root', title: 'Pod security: "Non-root" containers and "rootless" container engines', checks: rules('run-as-low-uid', 'run-as-root', 'run-as-uid-zero') },
    { id: 'pod-security/immutable-file-systems', title: 'Pod security: Immutable container file systems', checks: rules('writable-root-filesystem') },
    {
      id: 'pod-security/secure-images',
      title: 'Pod security: Building secure container images',
      checks: rules('image-not-pinned-by-digest', 'image-pull-policy', 'image-tag-latest', 'untrusted-registry'),
      note: 'scanning images for vulnerabilities and malware is the image scanner\'s job, not an object check',
    },
    {
      id: 'pod-security/enforcement',
      title: 'Pod security: Pod security enforcement',
      checks: rules(
        'apparmor-unconfined',
        'capabilities-not-dropped',
        'dangerous-capabilities',
        'host-namespaces',
        'host-port',
        'namespace-without-pod-security',
        'privilege-escalation-allowed',
        'privileged-container',
        'proc-mount-unmasked',
        'pss-baseline',
        'pss-namespace-enforce',
        'pss-restricted',
        'seccomp-unconfined',
        'selinux-custom-options',
        'sensitive-host-path',
        'share-process-namespace',
        'unsafe-sysctls',
        'webhook-failure-policy-ignore',
        'windows-host-process',
        'writable-host-path',
      ),
    },
    { id: 'pod-security/service-account-tokens', title: 'Pod security: Protecting Pod service account tokens', checks: rules('default-service-account', 'long-lived-sa-token-secret', 'role-binding-to-default-sa', 'service-account-automount', 'service-account-token-automount') },
    manual(
      'pod-security/hardening-container-environments',
      'Pod security: Hardening container environments',
      'hypervisor- or kernel-sandboxed runtimes are node configuration; a RuntimeClass name says nothing about the isolation behind it',
    ),
    { id: 'network/namespaces', title: 'Network separation and hardening: Namespaces', checks: rules('workload-in-default-namespace') },
    {
      id: 'network/network-policies',
      title: 'Network separation and hardening: Network policies',
      checks: rules(
        'egress-to-internet',
        'namespace-without-default-deny',
        'namespace-without-network-policy',
        'network-policy-allows-all-ingress',
        'network-policy-peer-matches-nothing',
        'network-policy-selects-no-pod',
        'network-policy-shadowed-rule',
        'network-policy-unresolved-named-port',
        'sensitive-workload-reachable-from-exposed',
        'workload-not-isolated-for-egress',
        'workload-not-isolated-for-ingress',
        'workload-reachable-from-all-namespaces',
        'workload-unrestricted-egress',
      ),
    },
    {
      id: 'network/resource-policies',
      title: 'Network separation and hardening: Resource policies',
      checks: [...rules('emptydir-without-size-limit', 'namespace-without-limit-range', 'namespace-without-resource-quota', 'resource-limits', 'resource-requests'), KUBELET_PID_LIMIT],
    },
    {
      id: 'network/control-plane-hardening',
      title: 'Network separation and hardening: Control plane hardening',
      checks: rules(
        'apiserver-admission-plugins',
        'apiserver-insecure-port',
        'apiserver-profiling',
        'apiserver-tls',
        'control-plane-bind-address',
        'control-plane-profiling',
        'controller-manager-service-account-credentials',
      ),
    },
    { id: 'network/control-plane-hardening/etcd', title: 'Network separation and hardening: Etcd', checks: rules('etcd-client-cert-auth', 'etcd-tls') },
    manual('network/control-plane-hardening/kubeconfig-files', 'Network separation and hardening: Kubeconfig Files', 'kubeconfig files sit on hosts and workstations; their permissions and contents are not Kubernetes objects'),
    manual('network/worker-node-segmentation', 'Network separation and hardening: Worker node segmentation', 'node placement, firewalls and network segments are infrastructure outside the cluster objects'),
    {
      id: 'network/encryption',
      title: 'Network separation and hardening: Encryption',
      checks: [...rules('apiserver-encryption-at-rest', 'apiserver-tls', 'encryption-config', 'etcd-tls', 'ingress-without-tls'), KUBELET_TLS],
    },
    {
      id: 'network/secrets',
      title: 'Network separation and hardening: Secrets',
      checks: rules('apiserver-encryption-at-rest', 'encryption-config', 'secret-as-env-var', 'secret-in-annotation', 'secret-in-configmap', 'secret-in-env-literal'),
    },
    manual(
      'network/cloud-infrastructure',
      'Network separation and hardening: Protecting sensitive cloud infrastructure',
      'access to the cloud metadata service and cloud IAM is configured in the provider, outside the cluster objects',
    ),
    {
      id: 'authn-authz/authentication',
      title: 'Authentication and authorization: Authentication',
      checks: [...rules('apiserver-anonymous-auth', 'apiserver-service-account-tokens', 'rbac-anonymous-binding'), KUBELET_API_ACCESS],
    },
    {
      id: 'authn-authz/rbac',
      title: 'Authentication and authorization: Role-based access control',
      checks: rules(
        'apiserver-authorization-mode',
        'cluster-role-aggregation-to-admin',
        'rbac-cluster-admin-binding',
        'rbac-csr-approval',
        'rbac-dangling-binding',
        'rbac-escalation-verbs',
        'rbac-nodes-proxy',
        'rbac-persistent-volume-create',
        'rbac-pod-exec',
        'rbac-secret-read',
        'rbac-token-create',
        'rbac-unused-role',
        'rbac-webhook-config-write',
        'rbac-wildcard',
        'rbac-workload-create',
      ),
    },
    { id: 'logging/kubernetes-audit-logging', title: 'Audit logging and threat detection: Kubernetes native audit logging configuration', checks: rules('apiserver-audit-log') },
    manual('logging/worker-node-and-container-logging', 'Audit logging and threat detection: Worker node and container logging', 'log collection runs on the nodes (agents, journald, runtime logs), not in the objects Palisade reads'),
    manual('logging/seccomp-audit-mode', 'Audit logging and threat detection: Seccomp: audit mode', 'an audit-mode profile is a file on the node; objects only name it (seccomp-unconfined reports pods without any profile)'),
    manual('logging/syslog', 'Audit logging and threat detection: SYSLOG', 'syslog forwarding is configured on the nodes'),
    manual('logging/siem', 'Audit logging and threat detection: SIEM platforms', 'the SIEM is outside the cluster'),
    manual('logging/service-meshes', 'Audit logging and threat detection: Service meshes', 'whether a mesh fits is an architecture decision; its policies are product-specific objects'),
    manual('logging/fault-tolerance', 'Audit logging and threat detection: Fault tolerance', 'log retention and redundancy are properties of the logging backend'),
    manual('threat-detection/alerting', 'Audit logging and threat detection: Alerting', 'alerting runs on events at run time, not on configuration objects'),
    manual('threat-detection/tools', 'Audit logging and threat detection: Tools', 'run-time detection tooling is deployed and tuned outside the objects Palisade reads'),
    {
      id: 'upgrading',
      title: 'Upgrading and application security practices',
      checks: rules('deprecated-api-version', 'image-base-end-of-life'),
      note: 'objects on APIs that upgraded clusters no longer serve, and images on an OS release past its security support; the Kubernetes and node versions running and the vulnerabilities of running images need the cluster and the image scan',
    },
  ],
};
