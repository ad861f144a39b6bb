/**
 * Resource requirements as the API server settles them at pod admission: a container's own
 * limits and requests, then the LimitRange defaults of its namespace (applied by the LimitRanger
 * admission plugin), and a missing request defaults to the limit.
 */
import type { ContainerRef, Workload } from '../../model/k8s.js';
import type { Resource } from '../../model/resource.js';
import type { ResourceIndex } from '../../core/resource-index.js';
import { namespaceOf } from '../../core/resource-index.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';

export type ResourceName = 'cpu' | 'memory' | 'ephemeral-storage';

/** Container defaults a namespace's LimitRanges give, per resource, with the LimitRange that set each. */
export interface NamespaceDefaults {
  readonly limits: ReadonlyMap<string, string>;
  readonly requests: ReadonlyMap<string, string>;
}

function keys(value: unknown): string[] {
  return Object.keys(asRecord(value) ?? {});
}

/**
 * Mirrors the API server's LimitRange defaulting for `type: Container` items: a missing default
 * limit takes `max`; a missing default request takes the default limit, then `min`.
 */
export function namespaceDefaults(index: ResourceIndex, namespace: string): NamespaceDefaults {
  const limits = new Map<string, string>();
  const requests = new Map<string, string>();
  for (const limitRange of index.inNamespace(namespace, 'LimitRange')) {
    for (const item of asArray(asRecord(limitRange.object.spec)?.limits)) {
      const record = asRecord(item);
      if (asString(record?.type) !== 'Container') continue;
      const name = `LimitRange "${limitRange.name}"`;
      const itemLimits = [...keys(record?.default), ...keys(record?.max)];
      for (const key of itemLimits) if (!limits.has(key)) limits.set(key, name);
      for (const key of [...keys(record?.defaultRequest), ...itemLimits, ...keys(record?.min)]) if (!requests.has(key)) requests.set(key, name);
    }
  }
  return { limits, requests };
}

/**
 * Whether a quantity is zero (`0`, `"0"`, `"0Mi"`, `"0.0"`): a zero limit means no limit to the
 * runtime and a zero request reserves nothing, so either counts as unset.
 */
export function isZeroQuantity(value: string | number): boolean {
  if (typeof value === 'number') return value === 0;
  const number = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)/.exec(value.trim());
  return number !== null && Number(number[0]) === 0;
}

function declared(ref: ContainerRef, list: 'limits' | 'requests', resource: string): boolean {
  const value = asRecord(asRecord(ref.container.resources)?.[list])?.[resource];
  return (typeof value === 'string' || typeof value === 'number') && !isZeroQuantity(value);
}

/**
 * Pod-level resources (spec.resources, Kubernetes 1.32+): a pod-wide limit bounds every container
 * in it, and a pod-wide request reserves for all of them.
 */
function podDeclared(workload: Workload, list: 'limits' | 'requests', resource: string): boolean {
  const value = asRecord(asRecord(workload.podSpec.resources)?.[list])?.[resource];
  return (typeof value === 'string' || typeof value === 'number') && !isZeroQuantity(value);
}

export function hasLimit(workload: Workload, ref: ContainerRef, resource: ResourceName, defaults: NamespaceDefaults): boolean {
  return declared(ref, 'limits', resource) || podDeclared(workload, 'limits', resource) || defaults.limits.has(resource);
}

/** A request is set explicitly, defaulted from the container's own limit, from the pod's resources, or from a LimitRange. */
export function hasRequest(workload: Workload, ref: ContainerRef, resource: ResourceName, defaults: NamespaceDefaults): boolean {
  return (
    declared(ref, 'requests', resource) ||
    declared(ref, 'limits', resource) ||
    podDeclared(workload, 'requests', resource) ||
    podDeclared(workload, 'limits', resource) ||
    defaults.requests.has(resource)
  );
}

/** Containers that can carry resources: ephemeral containers may not declare any. */
export function resourcedContainers(containers: readonly ContainerRef[]): readonly ContainerRef[] {
  return containers.filter((ref) => ref.kind !== 'ephemeralContainers');
}

export function defaultsFor(index: ResourceIndex, resource: Resource): NamespaceDefaults {
  return namespaceDefaults(index, namespaceOf(resource));
}
