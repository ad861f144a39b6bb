/**
 * What the test API server serves: the built-in resources of a Kubernetes 1.33 API server (as
 * `kubectl api-resources` and `kubectl get --raw /apis/G/V` show them), plus add-on groups
 * (CRDs, alpha APIs) that a test can switch on. Subresources are listed as the real discovery
 * lists them, so a client that mistakes them for listable resources shows up in tests.
 */

export interface ResourceDef {
  readonly group: string;
  /** Versions this resource is served in; the first is its group's preferred one. */
  readonly versions: readonly string[];
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  /** Subresource names ("status", "log") with the verbs the real server lists for them. */
  readonly subresources?: readonly (readonly [name: string, verbs: readonly string[]])[];
  /** Served by a CRD: list items then carry apiVersion and kind, as unstructured lists do. */
  readonly custom?: true;
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;
const STATUS: readonly [string, readonly string[]] = ['status', ['get', 'patch', 'update']];
const SCALE: readonly [string, readonly string[]] = ['scale', ['get', 'patch', 'update']];

function def(group: string, versions: readonly string[], plural: string, kind: string, namespaced: boolean, extra: Partial<ResourceDef> = {}): ResourceDef {
  return { group, versions, plural, singular: kind.toLowerCase(), kind, namespaced, verbs: CRUD, ...extra };
}

export const BUILTIN_RESOURCES: readonly ResourceDef[] = [
  def('', ['v1'], 'bindings', 'Binding', true, { verbs: ['create'] }),
  def('', ['v1'], 'componentstatuses', 'ComponentStatus', false, { verbs: ['get', 'list'], shortNames: ['cs'] }),
  def('', ['v1'], 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  def('', ['v1'], 'endpoints', 'Endpoints', true, { shortNames: ['ep'] }),
  def('', ['v1'], 'events', 'Event', true, { shortNames: ['ev'] }),
  def('', ['v1'], 'limitranges', 'LimitRange', true, { shortNames: ['limits'] }),
  def('', ['v1'], 'namespaces', 'Namespace', false, { verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'], subresources: [['finalize', ['update']], STATUS] }),
  def('', ['v1'], 'nodes', 'Node', false, { shortNames: ['no'], subresources: [['proxy', ['create', 'delete', 'get', 'patch', 'update']], STATUS] }),
  def('', ['v1'], 'persistentvolumeclaims', 'PersistentVolumeClaim', true, { shortNames: ['pvc'], subresources: [STATUS] }),
  def('', ['v1'], 'persistentvolumes', 'PersistentVolume', false, { shortNames: ['pv'], subresources: [STATUS] }),
  def('', ['v1'], 'pods', 'Pod', true, {
    shortNames: ['po'],
    categories: ['all'],
    subresources: [['attach', ['create', 'get']], ['binding', ['create']], ['ephemeralcontainers', ['get', 'patch', 'update']], ['eviction', ['create']], ['exec', ['create', 'get']], ['log', ['get']], ['portforward', ['create', 'get']], ['proxy', ['create', 'delete', 'get', 'patch', 'update']], ['resize', ['get', 'patch', 'update']], STATUS],
  }),
  def('', ['v1'], 'podtemplates', 'PodTemplate', true),
  def('', ['v1'], 'replicationcontrollers', 'ReplicationController', true, { shortNames: ['rc'], categories: ['all'], subresources: [SCALE, STATUS] }),
  def('', ['v1'], 'resourcequotas', 'ResourceQuota', true, { shortNames: ['quota'], subresources: [STATUS] }),
  def('', ['v1'], 'secrets', 'Secret', true),
  def('', ['v1'], 'serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'], subresources: [['token', ['create']]] }),
  def('', ['v1'], 'services', 'Service', true, { shortNames: ['svc'], categories: ['all'], subresources: [['proxy', ['create', 'delete', 'get', 'patch', 'update']], STATUS] }),
  def('admissionregistration.k8s.io', ['v1'], 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false, { categories: ['api-extensions'] }),
  def('admissionregistration.k8s.io', ['v1'], 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false, { categories: ['api-extensions'] }),
  def('apps', ['v1'], 'controllerrevisions', 'ControllerRevision', true),
  def('apps', ['v1'], 'daemonsets', 'DaemonSet', true, { shortNames: ['ds'], categories: ['all'], subresources: [STATUS] }),
  def('apps', ['v1'], 'deployments', 'Deployment', true, { shortNames: ['deploy'], categories: ['all'], subresources: [SCALE, STATUS] }),
  def('apps', ['v1'], 'replicasets', 'ReplicaSet', true, { shortNames: ['rs'], categories: ['all'], subresources: [SCALE, STATUS] }),
  def('apps', ['v1'], 'statefulsets', 'StatefulSet', true, { shortNames: ['sts'], categories: ['all'], subresources: [SCALE, STATUS] }),
  def('autoscaling', ['v2', 'v1'], 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, { shortNames: ['hpa'], categories: ['all'], subresources: [STATUS] }),
  def('batch', ['v1'], 'cronjobs', 'CronJob', true, { shortNames: ['cj'], categories: ['all'], subresources: [STATUS] }),
  def('batch', ['v1'], 'jobs', 'Job', true, { categories: ['all'], subresources: [STATUS] }),
  def('networking.k8s.io', ['v1'], 'ingressclasses', 'IngressClass', false),
  def('networking.k8s.io', ['v1'], 'ingresses', 'Ingress', true, { shortNames: ['ing'], subresources: [STATUS] }),
  def('networking.k8s.io', ['v1'], 'networkpolicies', 'NetworkPolicy', true, { shortNames: ['netpol'] }),
  def('policy', ['v1'], 'poddisruptionbudgets', 'PodDisruptionBudget', true, { shortNames: ['pdb'], subresources: [STATUS] }),
  def('rbac.authorization.k8s.io', ['v1'], 'clusterrolebindings', 'ClusterRoleBinding', false),
  def('rbac.authorization.k8s.io', ['v1'], 'clusterroles', 'ClusterRole', false),
  def('rbac.authorization.k8s.io', ['v1'], 'rolebindings', 'RoleBinding', true),
  def('rbac.authorization.k8s.io', ['v1'], 'roles', 'Role', true),
];

/** Served only when a test asks for the group (or gives objects of it), as a cluster with the add-on installed would. */
export const ADDON_RESOURCES: readonly ResourceDef[] = [
  // cilium.io serves v2 (preferred) and v2alpha1; network policies are in both.
  def('cilium.io', ['v2', 'v2alpha1'], 'ciliumclusterwidenetworkpolicies', 'CiliumClusterwideNetworkPolicy', false, { shortNames: ['ccnp'], categories: ['cilium', 'ciliumpolicy'], subresources: [STATUS], custom: true }),
  def('cilium.io', ['v2', 'v2alpha1'], 'ciliumnetworkpolicies', 'CiliumNetworkPolicy', true, { shortNames: ['cnp', 'ciliumnp'], categories: ['cilium', 'ciliumpolicy'], subresources: [STATUS], custom: true }),
  def('cilium.io', ['v2alpha1'], 'ciliumcidrgroups', 'CiliumCIDRGroup', false, { shortNames: ['ccg'], categories: ['cilium'], custom: true }),
  // Cluster API 1.11 serves v1beta2 (preferred) and v1beta1 of its kubeadm providers.
  def('bootstrap.cluster.x-k8s.io', ['v1beta2', 'v1beta1'], 'kubeadmconfigs', 'KubeadmConfig', true, { categories: ['cluster-api'], subresources: [STATUS], custom: true }),
  def('bootstrap.cluster.x-k8s.io', ['v1beta2', 'v1beta1'], 'kubeadmconfigtemplates', 'KubeadmConfigTemplate', true, { categories: ['cluster-api'], custom: true }),
  def('controlplane.cluster.x-k8s.io', ['v1beta2', 'v1beta1'], 'kubeadmcontrolplanes', 'KubeadmControlPlane', true, { shortNames: ['kcp'], categories: ['cluster-api'], subresources: [SCALE, STATUS], custom: true }),
  def('controlplane.cluster.x-k8s.io', ['v1beta2', 'v1beta1'], 'kubeadmcontrolplanetemplates', 'KubeadmControlPlaneTemplate', true, { categories: ['cluster-api'], custom: true }),
  def('policy.networking.k8s.io', ['v1alpha1'], 'adminnetworkpolicies', 'AdminNetworkPolicy', false, { shortNames: ['anp'], subresources: [STATUS], custom: true }),
  def('policy.networking.k8s.io', ['v1alpha1'], 'baselineadminnetworkpolicies', 'BaselineAdminNetworkPolicy', false, { shortNames: ['banp'], subresources: [STATUS], custom: true }),
];

/** Each group's versions in the server's priority order (preferred first). */
export function groupVersions(resources: readonly ResourceDef[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const resource of resources) {
    const versions = groups.get(resource.group) ?? [];
    for (const version of resource.versions) if (!versions.includes(version)) versions.push(version);
    groups.set(resource.group, versions);
  }
  return groups;
}

export function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}
