/**
 * Every resource kind a cluster scan reads, in one explicit list sorted by kind. These are the
 * kinds the rules and graph analyses look at; listing anything else would only cost requests and
 * memory (and, for Secrets, hold material the scan has no use for).
 */
export interface ClusterKind {
  /** API group; "" is the core group served under /api. */
  readonly group: string;
  readonly kind: string;
  /**
   * Kinds from optional add-ons (CRDs, alpha APIs): read when discovery shows them, silently
   * skipped when it does not. A missing built-in kind is worth a warning, a missing add-on is not.
   */
  readonly optional?: true;
}

export const CLUSTER_KINDS: readonly ClusterKind[] = [
  { group: 'policy.networking.k8s.io', kind: 'AdminNetworkPolicy', optional: true },
  { group: 'policy.networking.k8s.io', kind: 'BaselineAdminNetworkPolicy', optional: true },
  { group: 'cilium.io', kind: 'CiliumClusterwideNetworkPolicy', optional: true },
  { group: 'cilium.io', kind: 'CiliumNetworkPolicy', optional: true },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
  { group: '', kind: 'ConfigMap' },
  { group: 'batch', kind: 'CronJob' },
  { group: 'apps', kind: 'DaemonSet' },
  { group: 'apps', kind: 'Deployment' },
  { group: 'networking.k8s.io', kind: 'Ingress' },
  { group: 'batch', kind: 'Job' },
  // Cluster API on a management cluster: the kubeadm settings of the clusters it runs (CIS 1-4).
  { group: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfig', optional: true },
  { group: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfigTemplate', optional: true },
  { group: 'controlplane.cluster.x-k8s.io', kind: 'KubeadmControlPlane', optional: true },
  { group: 'controlplane.cluster.x-k8s.io', kind: 'KubeadmControlPlaneTemplate', optional: true },
  { group: '', kind: 'LimitRange' },
  { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
  { group: '', kind: 'Namespace' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { group: '', kind: 'Node' },
  { group: '', kind: 'PersistentVolume' },
  { group: '', kind: 'Pod' },
  { group: 'policy', kind: 'PodDisruptionBudget' },
  { group: '', kind: 'PodTemplate' },
  { group: 'apps', kind: 'ReplicaSet' },
  { group: '', kind: 'ReplicationController' },
  { group: '', kind: 'ResourceQuota' },
  { group: 'rbac.authorization.k8s.io', kind: 'Role' },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
  { group: '', kind: 'Secret' },
  { group: '', kind: 'Service' },
  { group: '', kind: 'ServiceAccount' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
];

/** "apps/Deployment", "/Pod": a key for maps over group and kind. */
export function groupKindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}
