/** Kinds the API server stores without a namespace. Everything else is namespaced. */
const CLUSTER_SCOPED_KINDS = new Set([
  'APIService',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'CSIDriver',
  'CSINode',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'CiliumClusterwideNetworkPolicy',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

/** The namespace a namespaced object lands in when its manifest names none. */
export const DEFAULT_NAMESPACE = 'default';

/**
 * The API groups ('' is the core group) of the built-in kinds rules read. A kind of the same name
 * in another group is a different type (a CRD `Pod` in example.com), so rules must not judge it.
 */
const BUILTIN_GROUPS: Readonly<Record<string, readonly string[]>> = {
  ClusterRole: ['rbac.authorization.k8s.io'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io'],
  ConfigMap: [''],
  CronJob: ['batch'],
  DaemonSet: ['apps', 'extensions'],
  Deployment: ['apps', 'extensions'],
  // OpenShift serves DeploymentConfig in apps.openshift.io and, historically, in its legacy core API.
  DeploymentConfig: ['apps.openshift.io', ''],
  Ingress: ['networking.k8s.io', 'extensions'],
  Job: ['batch'],
  LimitRange: [''],
  MutatingWebhookConfiguration: ['admissionregistration.k8s.io'],
  Namespace: [''],
  NetworkPolicy: ['networking.k8s.io', 'extensions'],
  Node: [''],
  PersistentVolume: [''],
  Pod: [''],
  PodTemplate: [''],
  ReplicaSet: ['apps', 'extensions'],
  ReplicationController: [''],
  ResourceQuota: [''],
  Rollout: ['argoproj.io'],
  Role: ['rbac.authorization.k8s.io'],
  RoleBinding: ['rbac.authorization.k8s.io'],
  Secret: [''],
  Service: [''],
  ServiceAccount: [''],
  StatefulSet: ['apps'],
  ValidatingWebhookConfiguration: ['admissionregistration.k8s.io'],
};

/** The group of an apiVersion: "apps" for apps/v1, "" for the core group's "v1". */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** Every group the built-in kinds above live in. */
const KUBERNETES_GROUPS = new Set(Object.values(BUILTIN_GROUPS).flat());

/**
 * A kind named like a built-in one but served by a group Kubernetes does not own (a custom
 * resource, e.g. example.com's Pod). A built-in kind under the wrong built-in group (`v1`
 * Deployment) is a sloppy manifest of that kind, and is judged as one.
 */
export function isForeignKind(kind: string, apiVersion: string): boolean {
  const groups = BUILTIN_GROUPS[kind];
  const group = groupOf(apiVersion);
  return groups !== undefined && !groups.includes(group) && !KUBERNETES_GROUPS.has(group);
}

const BY_LOWER = new Map(Object.keys(BUILTIN_GROUPS).map((kind) => [kind.toLowerCase(), kind]));

/** The built-in kind a misspelt kind was meant to be ("pod" -> "Pod"), when it differs only in case. */
export function miscasedKind(kind: string): string | undefined {
  const meant = BY_LOWER.get(kind.toLowerCase());
  return meant === undefined || meant === kind ? undefined : meant;
}
