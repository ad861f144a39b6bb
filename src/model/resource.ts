import type { ResourceSource } from './source.js';

/** A JSON value as parsed from YAML or JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The identity of a Kubernetes object as findings report it. */
export interface ResourceRef {
  readonly apiVersion: string;
  readonly kind: string;
  /** Absent for cluster-scoped objects and for namespaced objects whose manifest omits it. */
  readonly namespace?: string;
  readonly name: string;
}

/** One Kubernetes object read from an input, with where it came from. */
export interface Resource extends ResourceRef {
  /** The object exactly as read (never modified). */
  readonly object: JsonObject;
  readonly source: ResourceSource;
}

export function refOf(resource: ResourceRef): ResourceRef {
  const { apiVersion, kind, name } = resource;
  return resource.namespace === undefined ? { apiVersion, kind, name } : { apiVersion, kind, namespace: resource.namespace, name };
}

/** "Kind/namespace/name" or "Kind/name": a stable, readable key. */
export function resourceKey(resource: ResourceRef): string {
  return resource.namespace === undefined
    ? `${resource.kind}/${resource.name}`
    : `${resource.kind}/${resource.namespace}/${resource.name}`;
}
