/** The `namespaces` setting: which objects a scan keeps. */
import picomatch from 'picomatch';
import { DEFAULT_NAMESPACE, isClusterScoped } from '../lib/k8s/kinds.js';
import type { ResourceRef } from '../model/resource.js';
import type { Config } from './schema.js';

/**
 * A predicate keeping namespaced objects whose namespace matches one of the globs (a manifest
 * without a namespace is in "default", as kubectl applies it) and every cluster-scoped object,
 * since RBAC and admission objects there shape every namespace. No `namespaces` keeps everything.
 */
export function namespaceFilter(config: Pick<Config, 'namespaces'>): (resource: ResourceRef) => boolean {
  const globs = config.namespaces;
  if (globs === undefined) return () => true;
  const matches = picomatch(globs, { dot: true });
  return (resource) => isClusterScoped(resource.kind) || matches(resource.namespace ?? DEFAULT_NAMESPACE);
}
