/**
 * The per-namespace rules ("namespace X has no NetworkPolicy") judge a namespace, but findings
 * attach to objects. A namespace speaks through its Namespace object when the input has one, and
 * otherwise through its first workload, so each namespace is reported exactly once and the
 * finding still points at a line the user wrote.
 */
import { z } from 'zod';
import type { ResourceIndex } from '../../core/resource-index.js';
import { namespaceOf } from '../../core/resource-index.js';
import type { Resource } from '../../model/resource.js';
import { WORKLOAD_KINDS } from '../../lib/k8s/workload.js';

/** Kinds a per-namespace rule must look at: Namespace objects, and workloads for namespaces without one. */
export const NAMESPACE_SCOPE_KINDS: readonly string[] = ['Namespace', ...WORKLOAD_KINDS];

/** The namespaces the control plane runs in: policies there are the platform's job, not the application's. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

export const namespaceRuleOptions = z.object({
  /** Namespaces never reported. */
  ignoreNamespaces: z.array(z.string()).default([...SYSTEM_NAMESPACES]),
});
export type NamespaceRuleOptions = z.infer<typeof namespaceRuleOptions>;

/** Per scan: each namespace's workloads, in input order, built once (the rules ask once per object). */
const WORKLOADS_BY_NAMESPACE = new WeakMap<ResourceIndex, ReadonlyMap<string, readonly Resource[]>>();

/** Workloads that create pods: a PodTemplate alone runs nothing. */
function runningWorkloads(index: ResourceIndex, namespace: string): readonly Resource[] {
  let byNamespace = WORKLOADS_BY_NAMESPACE.get(index);
  if (byNamespace === undefined) {
    const built = new Map<string, Resource[]>();
    for (const { resource } of index.workloads()) {
      if (resource.kind === 'PodTemplate') continue;
      const ns = namespaceOf(resource);
      const list = built.get(ns);
      if (list === undefined) built.set(ns, [resource]);
      else list.push(resource);
    }
    byNamespace = built;
    WORKLOADS_BY_NAMESPACE.set(index, built);
  }
  return byNamespace.get(namespace) ?? [];
}

export interface NamespaceSubject {
  readonly namespace: string;
  /** Where the finding points: the Namespace's name, or the workload's metadata. */
  readonly path: string;
  /** How the message names the namespace. */
  readonly label: string;
}

/**
 * The namespace `resource` speaks for, when it is the one to report on and the namespace runs
 * workloads; undefined otherwise.
 */
export function namespaceSubject(resource: Resource, index: ResourceIndex, options: NamespaceRuleOptions): NamespaceSubject | undefined {
  const namespace = resource.kind === 'Namespace' ? resource.name : namespaceOf(resource);
  if (options.ignoreNamespaces.includes(namespace)) return undefined;
  const workloads = runningWorkloads(index, namespace);
  if (workloads.length === 0) return undefined;
  if (resource.kind === 'Namespace') return { namespace, path: '/metadata/name', label: `namespace "${namespace}"` };
  if (index.namespaceObject(namespace) !== undefined || workloads[0] !== resource) return undefined;
  const path = resource.namespace === undefined ? '/metadata' : '/metadata/namespace';
  return { namespace, path, label: `namespace "${namespace}" (of this ${resource.kind}; the input has no Namespace object for it)` };
}
