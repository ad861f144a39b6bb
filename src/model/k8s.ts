/**
 * The parts of the Kubernetes API that rules read, typed loosely: inputs are untrusted, so every
 * field is optional and rules must cope with any of them missing. Names follow the API's JSON.
 */
import type { JsonObject } from './resource.js';

export interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface Capabilities {
  readonly add?: readonly string[];
  readonly drop?: readonly string[];
}

export interface SeccompProfile {
  readonly type?: string;
  readonly localhostProfile?: string;
}

export interface AppArmorProfile {
  readonly type?: string;
  readonly localhostProfile?: string;
}

export interface SELinuxOptions {
  readonly user?: string;
  readonly role?: string;
  readonly type?: string;
  readonly level?: string;
}

export interface WindowsSecurityContextOptions {
  readonly hostProcess?: boolean;
  readonly runAsUserName?: string;
}

export interface SecurityContext {
  readonly privileged?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  readonly readOnlyRootFilesystem?: boolean;
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly capabilities?: Capabilities;
  readonly seccompProfile?: SeccompProfile;
  readonly appArmorProfile?: AppArmorProfile;
  readonly seLinuxOptions?: SELinuxOptions;
  readonly procMount?: string;
  readonly windowsOptions?: WindowsSecurityContextOptions;
}

export interface PodSecurityContext {
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  readonly supplementalGroups?: readonly number[];
  readonly seccompProfile?: SeccompProfile;
  readonly appArmorProfile?: AppArmorProfile;
  readonly seLinuxOptions?: SELinuxOptions;
  readonly sysctls?: readonly { readonly name?: string; readonly value?: string }[];
  readonly windowsOptions?: WindowsSecurityContextOptions;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort?: number;
  readonly hostPort?: number;
  readonly hostIP?: string;
  readonly protocol?: string;
}

export interface EnvVar {
  readonly name?: string;
  readonly value?: string;
  readonly valueFrom?: JsonObject;
}

export interface ResourceRequirements {
  readonly limits?: Readonly<Record<string, string | number>>;
  readonly requests?: Readonly<Record<string, string | number>>;
}

export interface VolumeMount {
  readonly name?: string;
  readonly mountPath?: string;
  readonly readOnly?: boolean;
  readonly subPath?: string;
}

export interface Container {
  readonly name?: string;
  readonly image?: string;
  readonly imagePullPolicy?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly ports?: readonly ContainerPort[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly JsonObject[];
  readonly resources?: ResourceRequirements;
  readonly volumeMounts?: readonly VolumeMount[];
  readonly livenessProbe?: JsonObject;
  readonly readinessProbe?: JsonObject;
  readonly startupProbe?: JsonObject;
  readonly securityContext?: SecurityContext;
}

export interface Volume {
  readonly name?: string;
  readonly hostPath?: { readonly path?: string; readonly type?: string };
  readonly [source: string]: unknown;
}

export interface PodSpec {
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly ephemeralContainers?: readonly Container[];
  readonly volumes?: readonly Volume[];
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  readonly hostUsers?: boolean;
  readonly shareProcessNamespace?: boolean;
  readonly serviceAccountName?: string;
  /** Deprecated alias of serviceAccountName, still honoured by the API server. */
  readonly serviceAccount?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly nodeName?: string;
  readonly securityContext?: PodSecurityContext;
  readonly os?: { readonly name?: string };
  readonly [field: string]: unknown;
}

/** Which list of the pod spec a container comes from. */
export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

/** A container with where it sits: its JSON pointer inside the resource. */
export interface ContainerRef {
  readonly container: Container;
  readonly kind: ContainerKind;
  readonly index: number;
  /** JSON pointer from the resource root, e.g. /spec/template/spec/containers/0 */
  readonly path: string;
  /** The container's name, or `#<index>` when it has none. */
  readonly name: string;
}

/**
 * Any workload kind (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
 * Job, CronJob, PodTemplate) reduced to the pod it creates.
 */
export interface Workload {
  readonly podMeta: ObjectMeta;
  /** JSON pointer of the pod template's metadata (e.g. /spec/template/metadata). */
  readonly podMetaPath: string;
  readonly podSpec: PodSpec;
  /** JSON pointer of the pod spec (e.g. /spec/template/spec, /spec/jobTemplate/spec/template/spec). */
  readonly podSpecPath: string;
  /** All containers, init containers and ephemeral containers, in that order. */
  readonly containers: readonly ContainerRef[];
}
