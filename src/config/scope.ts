/** The `namespaces` setting: which objects a scan keeps. */
import picomatch from 'picomatch';
import { DEFAULT_NAMESPACE, isClusterScoped } from '../lib/k8s/kinds.js';
import type { ResourceRef } from '../model/resource.js';
import type { Config } from './schema.js';

/**
 * A predicate keeping namespaced objects whose namespace matches one of the globs (a manifest
 * without a namespace is in "default", as kubectl applies it), the Namespace objects of those
 * namespaces, and every other cluster-scoped object, since RBAC and admission objects there shape
 * every namespace. A Namespace object shapes only itself: `-n shop` on a cluster must not judge
 * kube-system's pod security. No `namespaces` keeps everything.
 */
export function namespaceFilter(config: Pick<Config, 'namespaces'>): (resource: ResourceRef) => boolean {
  if (config.namespaces === undefined) return () => true;
  const matches = namespaceSelected(config);
  return (resource) => {
    if (resource.kind === 'Namespace') return matches(resource.name);
    return isClusterScoped(resource.kind) || matches(resource.namespace ?? DEFAULT_NAMESPACE);
  };
}

/** Whether the `namespaces` setting selects a namespace (every one without the setting). */
export function namespaceSelected(config: Pick<Config, 'namespaces'>): (namespace: string) => boolean {
  const globs = config.namespaces;
  if (globs === undefined) return () => true;
  const matches = picomatch(globs, { dot: true });
  return (namespace) => matches(namespace);
}

/**
 * The namespaces as exact names when none of them is a glob, so a live-cluster load can ask the
 * API server for just those (one list per namespace); undefined when any is a pattern.
 */
export function literalNamespaces(config: Pick<Config, 'namespaces'>): readonly string[] | undefined {
  const names = config.namespaces;
  if (names === undefined || names.length === 0) return undefined;
  // A negation (`!kube-system`) is a pattern too, though picomatch does not call it a glob.
  const literal = (name: string): boolean => {
    const scanned = picomatch.scan(name);
    return !scanned.isGlob && !scanned.negated;
  };
  return names.every(literal) ? names : undefined;
}

/**
 * The `namespaces` entries (negations aside) that match no namespace of the input, namespaced
 * objects' and Namespace objects' alike: `-n shp` for `shop` keeps only cluster-scoped objects,
 * which alone would pass a gate.
 */
export function unmatchedNamespaces(config: Pick<Config, 'namespaces'>, resources: readonly ResourceRef[]): string[] {
  const globs = config.namespaces;
  if (globs === undefined) return [];
  const seen = new Set<string>();
  for (const r of resources) {
    if (r.kind === 'Namespace') seen.add(r.name);
    else if (!isClusterScoped(r.kind)) seen.add(r.namespace ?? DEFAULT_NAMESPACE);
  }
  return globs.filter((glob) => {
    if (picomatch.scan(glob).negated) return false;
    const matches = picomatch(glob, { dot: true });
    return ![...seen].some((namespace) => matches(namespace));
  });
}
