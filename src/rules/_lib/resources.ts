/**
 * Resource requirements as the API server settles them at pod admission: a container's own
 * limits and requests, then the LimitRange defaults of its namespace (applied by the LimitRanger
 * admission plugin), and a missing request defaults to the limit.
 */
import type { ContainerRef } from '../../model/k8s.js';
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

function declared(ref: ContainerRef, list: 'limits' | 'requests', resource: string): boolean {
  const value = asRecord(asRecord(ref.container.resources)?.[list])?.[resource];
  return typeof value === 'string' || typeof value === 'number';
}

export function hasLimit(ref: ContainerRef, resource: ResourceName, defaults: NamespaceDefaults): boolean {
  return declared(ref, 'limits', resource) || defaults.limits.has(resource);
}

/** A request is set explicitly, defaulted from the container's own limit, or from a LimitRange. */
export function hasRequest(ref: ContainerRef, resource: ResourceName, defaults: NamespaceDefaults): boolean {
  return declared(ref, 'requests', resource) || declared(ref, 'limits', resource) || defaults.requests.has(resource);
}

/** Containers that can carry resources: ephemeral containers may not declare any. */
export function resourcedContainers(containers: readonly ContainerRef[]): readonly ContainerRef[] {
  return containers.filter((ref) => ref.kind !== 'ephemeralContainers');
}

export function defaultsFor(index: ResourceIndex, resource: Resource): NamespaceDefaults {
  return namespaceDefaults(index, namespaceOf(resource));
}
