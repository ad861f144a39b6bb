/**
 * Pod-level Kubernetes semantics shared by the workload rules: which OS a pod targets, and the
 * effective security context of a container (a container's field overrides the pod's).
 */
import type { ContainerRef, PodSecurityContext, SecurityContext, Workload } from '../../model/k8s.js';
import { pointer } from '../../lib/json-pointer.js';
import { asRecord } from '../../lib/k8s/values.js';

/**
 * Pods with `spec.os.name: windows` must not set Linux-only fields (privileged, capabilities,
 * seccomp, runAsUser, ...), and the kubelet ignores them, so Linux rules do not apply to them.
 */
export function isWindowsPod(workload: Workload): boolean {
  return asRecord(workload.podSpec.os)?.name === 'windows';
}

export function containerSecurityContext(ref: ContainerRef): SecurityContext {
  return (asRecord(ref.container.securityContext) ?? {}) as SecurityContext;
}

export function podSecurityContext(workload: Workload): PodSecurityContext {
  return (asRecord(workload.podSpec.securityContext) ?? {}) as PodSecurityContext;
}

/** A field both the pod and the container security context can set. */
type SharedField = 'runAsNonRoot' | 'runAsUser' | 'runAsGroup' | 'seccompProfile' | 'appArmorProfile' | 'seLinuxOptions' | 'windowsOptions';

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
  const own = containerSecurityContext(ref)[field];
  if (own !== undefined && own !== null) return { value: own as NonNullable<SecurityContext[K]>, path: pointer(ref.path, 'securityContext', field), from: 'container' };
  const pod = podSecurityContext(workload)[field];
  if (pod !== undefined && pod !== null) return { value: pod as NonNullable<SecurityContext[K]>, path: pointer(workload.podSpecPath, 'securityContext', field), from: 'pod' };
  return undefined;
}

/** How messages name a container: `container "app"`, `init container "setup"`, `ephemeral container "debug"`. */
export function describeContainer(ref: ContainerRef): string {
  const label = ref.kind === 'initContainers' ? 'init container' : ref.kind === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${label} "${ref.name}"`;
}
