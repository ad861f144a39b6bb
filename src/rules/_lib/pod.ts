/**
 * Pod-level Kubernetes semantics shared by the workload rules: which OS a pod targets, and the
 * effective security context of a container (a container's field overrides the pod's).
 */
import type { ContainerRef, PodSecurityContext, SecurityContext, Workload } from '../../model/k8s.js';
import { pointer } from '../../lib/json-pointer.js';
import { asRecord } from '../../lib/k8s/values.js';

/** The node labels the kubelet sets to its OS; the beta one is deprecated but still set and used. */
const OS_NODE_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];

/**
 * A pod that runs only on Windows nodes: it says so in spec.os, or its nodeSelector asks for the
 * node's OS label (how Windows workloads were placed before spec.os, and still are in many charts).
 * Linux-only fields (privileged, capabilities, seccomp, runAsUser...) mean nothing to a Windows
 * kubelet, and the API rejects them with spec.os, so the Linux rules do not apply.
 */
export function isWindowsPod(workload: Workload): boolean {
  if (asRecord(workload.podSpec.os)?.name === 'windows') return true;
  const nodeSelector = asRecord(workload.podSpec.nodeSelector);
  return OS_NODE_LABELS.some((label) => nodeSelector?.[label] === 'windows');
}

export function containerSecurityContext(ref: ContainerRef): SecurityContext {
  // Untrusted input: a securityContext that is not a mapping counts as absent.
  const context: SecurityContext = asRecord(ref.container.securityContext) ?? {};
  return context;
}

export function podSecurityContext(workload: Workload): PodSecurityContext {
  const context: PodSecurityContext = asRecord(workload.podSpec.securityContext) ?? {};
  return context;
}

/** A field both the pod and the container security context can set. */
type SharedField = 'runAsNonRoot' | 'runAsUser' | 'runAsGroup' | 'seccompProfile' | 'appArmorProfile' | 'seLinuxOptions';

/** The value in force for one container and the pointer of the field that set it. */
export interface Effective<T> {
  readonly value: T;
  readonly path: string;
  readonly from: 'container' | 'pod';
}

/**
 * The effective value of a field for a container: the container's own value when set, else the
 * pod's, else undefined (the API default applies).
 */
export function effectiveField<K extends SharedField>(workload: Workload, ref: ContainerRef, field: K): Effective<NonNullable<SecurityContext[K]>> | undefined {
  // YAML `field: null` means unset, as the API server reads it.
  const own: unknown = containerSecurityContext(ref)[field];
  if (own !== undefined && own !== null) return { value: own as NonNullable<SecurityContext[K]>, path: pointer(ref.path, 'securityContext', field), from: 'container' };
  const pod: unknown = podSecurityContext(workload)[field];
  if (pod !== undefined && pod !== null) return { value: pod as NonNullable<SecurityContext[K]>, path: pointer(workload.podSpecPath, 'securityContext', field), from: 'pod' };
  return undefined;
}

/** How messages name a container: `container "app"`, `init container "setup"`, `ephemeral container "debug"`. */
export function describeContainer(ref: ContainerRef): string {
  const label = ref.kind === 'initContainers' ? 'init container' : ref.kind === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${label} "${ref.name}"`;
}

/**
 * One field of windowsOptions in force for a container. Unlike seccompProfile, windowsOptions is
 * merged field by field: a container that sets only runAsUserName still inherits the pod's
 * hostProcess.
 */
export function effectiveWindowsOption(workload: Workload, ref: ContainerRef, field: 'hostProcess' | 'runAsUserName'): Effective<unknown> | undefined {
  const own: unknown = asRecord(containerSecurityContext(ref).windowsOptions)?.[field];
  if (own !== undefined && own !== null) return { value: own, path: pointer(ref.path, 'securityContext', 'windowsOptions', field), from: 'container' };
  const pod: unknown = asRecord(podSecurityContext(workload).windowsOptions)?.[field];
  if (pod !== undefined && pod !== null) return { value: pod, path: pointer(workload.podSpecPath, 'securityContext', 'windowsOptions', field), from: 'pod' };
  return undefined;
}

/**
 * Pods with `hostUsers: false` run in their own user namespace: UID 0 inside maps to an
 * unprivileged UID on the node, so root in the container is no longer root after an escape.
 */
export function usesUserNamespace(workload: Workload): boolean {
  return workload.podSpec.hostUsers === false;
}

/** Appended to root findings of user-namespaced pods, whose severity drops to low. */
export const USER_NAMESPACE_NOTE = ' (mitigated: hostUsers: false maps it to an unprivileged user on the node)';
