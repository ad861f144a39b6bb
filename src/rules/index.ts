/**
 * The registry of built-in rules: an explicit list sorted by id (no registration by import side
 * effect). The meta-test checks the order and that every rule folder is listed here.
 */
import type { AnyRule } from '../core/rule.js';
import { rule as apiserverAdmissionPlugins } from './apiserver-admission-plugins/rule.js';
import { rule as apiserverAnonymousAuth } from './apiserver-anonymous-auth/rule.js';
import { rule as apiserverAuditLog } from './apiserver-audit-log/rule.js';
import { rule as apiserverAuthorizationMode } from './apiserver-authorization-mode/rule.js';
import { rule as apiserverEncryptionAtRest } from './apiserver-encryption-at-rest/rule.js';
import { rule as apiserverInsecurePort } from './apiserver-insecure-port/rule.js';
import { rule as apiserverProfiling } from './apiserver-profiling/rule.js';
import { rule as apiserverRecommendedAdmissionPlugins } from './apiserver-recommended-admission-plugins/rule.js';
import { rule as apiserverServiceAccountTokens } from './apiserver-service-account-tokens/rule.js';
import { rule as apiserverTls } from './apiserver-tls/rule.js';
import { rule as apparmorUnconfined } from './apparmor-unconfined/rule.js';
import { rule as auditPolicyCoverage } from './audit-policy-coverage/rule.js';
import { rule as capabilitiesNotDropped } from './capabilities-not-dropped/rule.js';
import { rule as clusterRoleAggregationToAdmin } from './cluster-role-aggregation-to-admin/rule.js';
import { rule as controlPlaneBindAddress } from './control-plane-bind-address/rule.js';
import { rule as controlPlaneProfiling } from './control-plane-profiling/rule.js';
import { rule as controllerManagerKubeletCertRotation } from './controller-manager-kubelet-cert-rotation/rule.js';
import { rule as controllerManagerServiceAccountCredentials } from './controller-manager-service-account-credentials/rule.js';
import { rule as dangerousCapabilities } from './dangerous-capabilities/rule.js';
import { rule as defaultServiceAccount } from './default-service-account/rule.js';
import { rule as deprecatedApiVersion } from './deprecated-api-version/rule.js';
import { rule as dockerfileAddFromUrl } from './dockerfile-add-from-url/rule.js';
import { rule as dockerfileAddInsteadOfCopy } from './dockerfile-add-instead-of-copy/rule.js';
import { rule as dockerfileBaseImageLatest } from './dockerfile-base-image-latest/rule.js';
import { rule as dockerfileCdInsteadOfWorkdir } from './dockerfile-cd-instead-of-workdir/rule.js';
import { rule as dockerfileCopyFromUnknownStage } from './dockerfile-copy-from-unknown-stage/rule.js';
import { rule as dockerfileCurlPipeShell } from './dockerfile-curl-pipe-shell/rule.js';
import { rule as dockerfileDuplicateInstruction } from './dockerfile-duplicate-instruction/rule.js';
import { rule as dockerfileDuplicateStageName } from './dockerfile-duplicate-stage-name/rule.js';
import { rule as dockerfileExecForm } from './dockerfile-exec-form/rule.js';
import { rule as dockerfileInvalidPort } from './dockerfile-invalid-port/rule.js';
import { rule as dockerfileMaintainerDeprecated } from './dockerfile-maintainer-deprecated/rule.js';
import { rule as dockerfileOnbuildChaining } from './dockerfile-onbuild-chaining/rule.js';
import { rule as dockerfilePackageInstallFlags } from './dockerfile-package-install-flags/rule.js';
import { rule as dockerfilePipefail } from './dockerfile-pipefail/rule.js';
import { rule as dockerfileRelativeWorkdir } from './dockerfile-relative-workdir/rule.js';
import { rule as dockerfileSudo } from './dockerfile-sudo/rule.js';
import { rule as dockerfileUnpinnedPackages } from './dockerfile-unpinned-packages/rule.js';
import { rule as dockerfileUntrustedRegistry } from './dockerfile-untrusted-registry/rule.js';
import { rule as egressToInternet } from './egress-to-internet/rule.js';
import { rule as emptydirWithoutSizeLimit } from './emptydir-without-size-limit/rule.js';
import { rule as encryptionConfig } from './encryption-config/rule.js';
import { rule as etcdClientCertAuth } from './etcd-client-cert-auth/rule.js';
import { rule as etcdTls } from './etcd-tls/rule.js';
import { rule as etcdUniqueCa } from './etcd-unique-ca/rule.js';
import { rule as externalNameService } from './external-name-service/rule.js';
import { rule as hostAliases } from './host-aliases/rule.js';
import { rule as hostNamespaces } from './host-namespaces/rule.js';
import { rule as hostPort } from './host-port/rule.js';
import { rule as imageBaseEndOfLife } from './image-base-end-of-life/rule.js';
import { rule as imageHealthcheckMissing } from './image-healthcheck-missing/rule.js';
import { rule as imageNotPinnedByDigest } from './image-not-pinned-by-digest/rule.js';
import { rule as imagePackageCache } from './image-package-cache/rule.js';
import { rule as imagePullPolicy } from './image-pull-policy/rule.js';
import { rule as imageRunsAsRoot } from './image-runs-as-root/rule.js';
import { rule as imageSecretInConfig } from './image-secret-in-config/rule.js';
import { rule as imageSetuidFiles } from './image-setuid-files/rule.js';
import { rule as imageTagLatest } from './image-tag-latest/rule.js';
import { rule as imageTooLarge } from './image-too-large/rule.js';
import { rule as ingressNginxSnippetAnnotations } from './ingress-nginx-snippet-annotations/rule.js';
import { rule as ingressWildcardHost } from './ingress-wildcard-host/rule.js';
import { rule as ingressWithoutTls } from './ingress-without-tls/rule.js';
import { rule as kubeProxyMetricsBindAddress } from './kube-proxy-metrics-bind-address/rule.js';
import { rule as kubeletConfig } from './kubelet-config/rule.js';
import { rule as kubernetesDashboardExposed } from './kubernetes-dashboard-exposed/rule.js';
import { rule as longLivedSaTokenSecret } from './long-lived-sa-token-secret/rule.js';
import { rule as namespaceWithoutDefaultDeny } from './namespace-without-default-deny/rule.js';
import { rule as namespaceWithoutLimitRange } from './namespace-without-limit-range/rule.js';
import { rule as namespaceWithoutNetworkPolicy } from './namespace-without-network-policy/rule.js';
import { rule as namespaceWithoutPodSecurity } from './namespace-without-pod-security/rule.js';
import { rule as namespaceWithoutResourceQuota } from './namespace-without-resource-quota/rule.js';
import { rule as networkPolicyAllowsAllIngress } from './network-policy-allows-all-ingress/rule.js';
import { rule as networkPolicyPeerMatchesNothing } from './network-policy-peer-matches-nothing/rule.js';
import { rule as networkPolicySelectsNoPod } from './network-policy-selects-no-pod/rule.js';
import { rule as networkPolicyShadowedRule } from './network-policy-shadowed-rule/rule.js';
import { rule as networkPolicyUnresolvedNamedPort } from './network-policy-unresolved-named-port/rule.js';
import { rule as nodeNamePinned } from './node-name-pinned/rule.js';
import { rule as persistentVolumeHostPath } from './persistent-volume-host-path/rule.js';
import { rule as podWithoutOwner } from './pod-without-owner/rule.js';
import { rule as privilegeEscalationAllowed } from './privilege-escalation-allowed/rule.js';
import { rule as privilegedContainer } from './privileged-container/rule.js';
import { rule as probesMissing } from './probes-missing/rule.js';
import { rule as procMountUnmasked } from './proc-mount-unmasked/rule.js';
import { rule as pssBaseline } from './pss-baseline/rule.js';
import { rule as pssNamespaceEnforce } from './pss-namespace-enforce/rule.js';
import { rule as pssRestricted } from './pss-restricted/rule.js';
import { rule as rbacAnonymousBinding } from './rbac-anonymous-binding/rule.js';
import { rule as rbacClusterAdminBinding } from './rbac-cluster-admin-binding/rule.js';
import { rule as rbacCsrApproval } from './rbac-csr-approval/rule.js';
import { rule as rbacDanglingBinding } from './rbac-dangling-binding/rule.js';
import { rule as rbacEscalationVerbs } from './rbac-escalation-verbs/rule.js';
import { rule as rbacNodesProxy } from './rbac-nodes-proxy/rule.js';
import { rule as rbacPersistentVolumeCreate } from './rbac-persistent-volume-create/rule.js';
import { rule as rbacPodExec } from './rbac-pod-exec/rule.js';
import { rule as rbacSecretRead } from './rbac-secret-read/rule.js';
import { rule as rbacTokenCreate } from './rbac-token-create/rule.js';
import { rule as rbacUnusedRole } from './rbac-unused-role/rule.js';
import { rule as rbacWebhookConfigWrite } from './rbac-webhook-config-write/rule.js';
import { rule as rbacWildcard } from './rbac-wildcard/rule.js';
import { rule as rbacWorkloadCreate } from './rbac-workload-create/rule.js';
import { rule as resourceLimits } from './resource-limits/rule.js';
import { rule as resourceRequests } from './resource-requests/rule.js';
import { rule as roleBindingToDefaultSa } from './role-binding-to-default-sa/rule.js';
import { rule as runAsLowUid } from './run-as-low-uid/rule.js';
import { rule as runAsRoot } from './run-as-root/rule.js';
import { rule as runAsUidZero } from './run-as-uid-zero/rule.js';
import { rule as seccompUnconfined } from './seccomp-unconfined/rule.js';
import { rule as secretAsEnvVar } from './secret-as-env-var/rule.js';
import { rule as secretInAnnotation } from './secret-in-annotation/rule.js';
import { rule as secretInConfigmap } from './secret-in-configmap/rule.js';
import { rule as secretInEnvLiteral } from './secret-in-env-literal/rule.js';
import { rule as selinuxCustomOptions } from './selinux-custom-options/rule.js';
import { rule as sensitiveHostPath } from './sensitive-host-path/rule.js';
import { rule as sensitiveWorkloadReachableFromExposed } from './sensitive-workload-reachable-from-exposed/rule.js';
import { rule as serviceAccountAutomount } from './service-account-automount/rule.js';
import { rule as serviceAccountTokenAutomount } from './service-account-token-automount/rule.js';
import { rule as serviceExposed } from './service-exposed/rule.js';
import { rule as shareProcessNamespace } from './share-process-namespace/rule.js';
import { rule as tillerDeployed } from './tiller-deployed/rule.js';
import { rule as toleratesControlPlane } from './tolerates-control-plane/rule.js';
import { rule as unsafeSysctls } from './unsafe-sysctls/rule.js';
import { rule as untrustedRegistry } from './untrusted-registry/rule.js';
import { rule as webhookFailurePolicyIgnore } from './webhook-failure-policy-ignore/rule.js';
import { rule as windowsHostProcess } from './windows-host-process/rule.js';
import { rule as workloadInDefaultNamespace } from './workload-in-default-namespace/rule.js';
import { rule as workloadNotIsolatedForEgress } from './workload-not-isolated-for-egress/rule.js';
import { rule as workloadNotIsolatedForIngress } from './workload-not-isolated-for-ingress/rule.js';
import { rule as workloadReachableFromAllNamespaces } from './workload-reachable-from-all-namespaces/rule.js';
import { rule as workloadUnrestrictedEgress } from './workload-unrestricted-egress/rule.js';
import { rule as writableHostPath } from './writable-host-path/rule.js';
import { rule as writableRootFilesystem } from './writable-root-filesystem/rule.js';

export const RULES: readonly AnyRule[] = [
  apiserverAdmissionPlugins,
  apiserverAnonymousAuth,
  apiserverAuditLog,
  apiserverAuthorizationMode,
  apiserverEncryptionAtRest,
  apiserverInsecurePort,
  apiserverProfiling,
  apiserverRecommendedAdmissionPlugins,
  apiserverServiceAccountTokens,
  apiserverTls,
  apparmorUnconfined,
  auditPolicyCoverage,
  capabilitiesNotDropped,
  clusterRoleAggregationToAdmin,
  controlPlaneBindAddress,
  controlPlaneProfiling,
  controllerManagerKubeletCertRotation,
  controllerManagerServiceAccountCredentials,
  dangerousCapabilities,
  defaultServiceAccount,
  deprecatedApiVersion,
  dockerfileAddFromUrl,
  dockerfileAddInsteadOfCopy,
  dockerfileBaseImageLatest,
  dockerfileCdInsteadOfWorkdir,
  dockerfileCopyFromUnknownStage,
  dockerfileCurlPipeShell,
  dockerfileDuplicateInstruction,
  dockerfileDuplicateStageName,
  dockerfileExecForm,
  dockerfileInvalidPort,
  dockerfileMaintainerDeprecated,
  dockerfileOnbuildChaining,
  dockerfilePackageInstallFlags,
  dockerfilePipefail,
  dockerfileRelativeWorkdir,
  dockerfileSudo,
  dockerfileUnpinnedPackages,
  dockerfileUntrustedRegistry,
  egressToInternet,
  emptydirWithoutSizeLimit,
  encryptionConfig,
  etcdClientCertAuth,
  etcdTls,
  etcdUniqueCa,
  externalNameService,
  hostAliases,
  hostNamespaces,
  hostPort,
  imageBaseEndOfLife,
  imageHealthcheckMissing,
  imageNotPinnedByDigest,
  imagePackageCache,
  imagePullPolicy,
  imageRunsAsRoot,
  imageSecretInConfig,
  imageSetuidFiles,
  imageTagLatest,
  imageTooLarge,
  ingressNginxSnippetAnnotations,
  ingressWildcardHost,
  ingressWithoutTls,
  kubeProxyMetricsBindAddress,
  kubeletConfig,
  kubernetesDashboardExposed,
  longLivedSaTokenSecret,
  namespaceWithoutDefaultDeny,
  namespaceWithoutLimitRange,
  namespaceWithoutNetworkPolicy,
  namespaceWithoutPodSecurity,
  namespaceWithoutResourceQuota,
  networkPolicyAllowsAllIngress,
  networkPolicyPeerMatchesNothing,
  networkPolicySelectsNoPod,
  networkPolicyShadowedRule,
  networkPolicyUnresolvedNamedPort,
  nodeNamePinned,
  persistentVolumeHostPath,
  podWithoutOwner,
  privilegeEscalationAllowed,
  privilegedContainer,
  probesMissing,
  procMountUnmasked,
  pssBaseline,
  pssNamespaceEnforce,
  pssRestricted,
  rbacAnonymousBinding,
  rbacClusterAdminBinding,
  rbacCsrApproval,
  rbacDanglingBinding,
  rbacEscalationVerbs,
  rbacNodesProxy,
  rbacPersistentVolumeCreate,
  rbacPodExec,
  rbacSecretRead,
  rbacTokenCreate,
  rbacUnusedRole,
  rbacWebhookConfigWrite,
  rbacWildcard,
  rbacWorkloadCreate,
  resourceLimits,
  resourceRequests,
  roleBindingToDefaultSa,
  runAsLowUid,
  runAsRoot,
  runAsUidZero,
  seccompUnconfined,
  secretAsEnvVar,
  secretInAnnotation,
  secretInConfigmap,
  secretInEnvLiteral,
  selinuxCustomOptions,
  sensitiveHostPath,
  sensitiveWorkloadReachableFromExposed,
  serviceAccountAutomount,
  serviceAccountTokenAutomount,
  serviceExposed,
  shareProcessNamespace,
  tillerDeployed,
  toleratesControlPlane,
  unsafeSysctls,
  untrustedRegistry,
  webhookFailurePolicyIgnore,
  windowsHostProcess,
  workloadInDefaultNamespace,
  workloadNotIsolatedForEgress,
  workloadNotIsolatedForIngress,
  workloadReachableFromAllNamespaces,
  workloadUnrestrictedEgress,
  writableHostPath,
  writableRootFilesystem,
];
