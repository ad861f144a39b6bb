/**
 * API versions the Kubernetes API server no longer serves, per kind, with the release that removed
 * them (from the Kubernetes deprecated API migration guide).
 */
export interface RemovedApi {
  readonly removedIn: string;
  readonly replacement: string;
}

type Table = Readonly<Record<string, Readonly<Record<string, RemovedApi>>>>;

const r = (removedIn: string, replacement: string): RemovedApi => ({ removedIn, replacement });

/** apiVersion -> kind -> removal. */
export const REMOVED_APIS: Table = {
  'extensions/v1beta1': {
    DaemonSet: r('1.16', 'apps/v1'),
    Deployment: r('1.16', 'apps/v1'),
    ReplicaSet: r('1.16', 'apps/v1'),
    NetworkPolicy: r('1.16', 'networking.k8s.io/v1'),
    PodSecurityPolicy: r('1.16', 'Pod Security admission (PodSecurityPolicy itself was removed in 1.25)'),
    Ingress: r('1.22', 'networking.k8s.io/v1'),
  },
  'apps/v1beta1': {
    Deployment: r('1.16', 'apps/v1'),
    StatefulSet: r('1.16', 'apps/v1'),
    ReplicaSet: r('1.16', 'apps/v1'),
    ControllerRevision: r('1.16', 'apps/v1'),
  },
  'apps/v1beta2': {
    DaemonSet: r('1.16', 'apps/v1'),
    Deployment: r('1.16', 'apps/v1'),
    ReplicaSet: r('1.16', 'apps/v1'),
    StatefulSet: r('1.16', 'apps/v1'),
    ControllerRevision: r('1.16', 'apps/v1'),
  },
  'networking.k8s.io/v1beta1': { Ingress: r('1.22', 'networking.k8s.io/v1'), IngressClass: r('1.22', 'networking.k8s.io/v1') },
  'rbac.authorization.k8s.io/v1alpha1': {
    ClusterRole: r('1.22', 'rbac.authorization.k8s.io/v1'),
    ClusterRoleBinding: r('1.22', 'rbac.authorization.k8s.io/v1'),
    Role: r('1.22', 'rbac.authorization.k8s.io/v1'),
    RoleBinding: r('1.22', 'rbac.authorization.k8s.io/v1'),
  },
  'rbac.authorization.k8s.io/v1beta1': {
    ClusterRole: r('1.22', 'rbac.authorization.k8s.io/v1'),
    ClusterRoleBinding: r('1.22', 'rbac.authorization.k8s.io/v1'),
    Role: r('1.22', 'rbac.authorization.k8s.io/v1'),
    RoleBinding: r('1.22', 'rbac.authorization.k8s.io/v1'),
  },
  'admissionregistration.k8s.io/v1beta1': {
    MutatingWebhookConfiguration: r('1.22', 'admissionregistration.k8s.io/v1'),
    ValidatingWebhookConfiguration: r('1.22', 'admissionregistration.k8s.io/v1'),
  },
  'apiextensions.k8s.io/v1beta1': { CustomResourceDefinition: r('1.22', 'apiextensions.k8s.io/v1') },
  'apiregistration.k8s.io/v1beta1': { APIService: r('1.22', 'apiregistration.k8s.io/v1') },
  'certificates.k8s.io/v1beta1': { CertificateSigningRequest: r('1.22', 'certificates.k8s.io/v1') },
  'coordination.k8s.io/v1beta1': { Lease: r('1.22', 'coordination.k8s.io/v1') },
  'scheduling.k8s.io/v1beta1': { PriorityClass: r('1.22', 'scheduling.k8s.io/v1') },
  'storage.k8s.io/v1beta1': {
    CSIDriver: r('1.22', 'storage.k8s.io/v1'),
    CSINode: r('1.22', 'storage.k8s.io/v1'),
    StorageClass: r('1.22', 'storage.k8s.io/v1'),
    VolumeAttachment: r('1.22', 'storage.k8s.io/v1'),
    CSIStorageCapacity: r('1.27', 'storage.k8s.io/v1'),
  },
  'batch/v1beta1': { CronJob: r('1.25', 'batch/v1') },
  'discovery.k8s.io/v1beta1': { EndpointSlice: r('1.25', 'discovery.k8s.io/v1') },
  'events.k8s.io/v1beta1': { Event: r('1.25', 'events.k8s.io/v1') },
  'autoscaling/v2beta1': { HorizontalPodAutoscaler: r('1.25', 'autoscaling/v2') },
  'autoscaling/v2beta2': { HorizontalPodAutoscaler: r('1.26', 'autoscaling/v2') },
  'policy/v1beta1': {
    PodDisruptionBudget: r('1.25', 'policy/v1'),
    PodSecurityPolicy: r('1.25', 'Pod Security admission (the PodSecurityPolicy API no longer exists)'),
  },
  'node.k8s.io/v1beta1': { RuntimeClass: r('1.25', 'node.k8s.io/v1') },
  'flowcontrol.apiserver.k8s.io/v1beta1': {
    FlowSchema: r('1.26', 'flowcontrol.apiserver.k8s.io/v1'),
    PriorityLevelConfiguration: r('1.26', 'flowcontrol.apiserver.k8s.io/v1'),
  },
  'flowcontrol.apiserver.k8s.io/v1beta2': {
    FlowSchema: r('1.29', 'flowcontrol.apiserver.k8s.io/v1'),
    PriorityLevelConfiguration: r('1.29', 'flowcontrol.apiserver.k8s.io/v1'),
  },
  'flowcontrol.apiserver.k8s.io/v1beta3': {
    FlowSchema: r('1.32', 'flowcontrol.apiserver.k8s.io/v1'),
    PriorityLevelConfiguration: r('1.32', 'flowcontrol.apiserver.k8s.io/v1'),
  },
};

/** Every kind that appears in the table, sorted: the rule's targets. */
export const REMOVED_API_KINDS: readonly string[] = [...new Set(Object.values(REMOVED_APIS).flatMap((kinds) => Object.keys(kinds)))].sort();
