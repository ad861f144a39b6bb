/**
 * An index over every resource of a scan, for rules that look across objects: Service to the pods
 * it selects, namespace to its NetworkPolicies, pod to its ServiceAccount. Built once per scan;
 * lookups are memoised.
 */
import type { Resource } from '../model/resource.js';
import { DEFAULT_NAMESPACE, groupOf, isClusterScoped, isForeignKind } from '../lib/k8s/kinds.js';
import { mapSelectorMatches } from '../lib/k8s/labels.js';
import { asArray, asRecord, asString, asStringMap } from '../lib/k8s/values.js';
import { serviceAccountOf, workloadOf } from '../lib/k8s/workload.js';
import type { WorkloadSubject } from './rule.js';

export class ResourceIndex {
  readonly resources: readonly Resource[];
  private readonly kinds = new Map<string, Resource[]>();
  private readonly byNamespaceKind = new Map<string, Resource[]>();
  private workloadCache: readonly WorkloadSubject[] | undefined;

  constructor(resources: readonly Resource[]) {
    this.resources = resources;
    for (const resource of resources) {
      // A custom resource named like a built-in kind is indexed apart, so no rule judges it as one.
      const kind = isForeignKind(resource.kind, resource.apiVersion) ? `${resource.kind}.${groupOf(resource.apiVersion)}` : resource.kind;
      push(this.kinds, kind, resource);
      if (!isClusterScoped(resource.kind)) push(this.byNamespaceKind, `${namespaceOf(resource)}\u0000${kind}`, resource);
    }
  }

  byKind(kind: string): readonly Resource[] {
    return this.kinds.get(kind) ?? [];
  }

  /** Namespaced objects of one kind in one namespace. */
  inNamespace(namespace: string, kind: string): readonly Resource[] {
    return this.byNamespaceKind.get(`${namespace}\u0000${kind}`) ?? [];
  }

  /** Every namespace named by a Namespace object or used by a namespaced object, sorted. */
  namespaces(): readonly string[] {
    const names = new Set<string>();
    for (const ns of this.byKind('Namespace')) names.add(ns.name);
    for (const resource of this.resources) if (!isClusterScoped(resource.kind)) names.add(namespaceOf(resource));
    return [...names].sort();
  }

  namespaceObject(name: string): Resource | undefined {
    return this.byKind('Namespace').find((ns) => ns.name === name);
  }

  /**
   * Every workload of the input reduced to its pod, except those a workload of the input controls:
   * a live cluster or a `kubectl get` dump holds a Deployment, its ReplicaSets and their Pods, one
   * template judged three times over. The controller is judged; its ReplicaSets (old rollouts
   * included) and Pods are not, as Polaris and Trivy do. A Pod or ReplicaSet whose controller is
   * not in the input, or is no workload (an operator's custom resource), is judged itself.
   */
  workloads(): readonly WorkloadSubject[] {
    this.workloadCache ??= withoutControlled(
      this.resources.flatMap((resource) => {
        if (isForeignKind(resource.kind, resource.apiVersion)) return [];
        const workload = workloadOf(resource.kind, resource.object);
        return workload === undefined ? [] : [{ resource, workload }];
      }),
    );
    return this.workloadCache;
  }

  /**
   * Pods (via their workloads) a Service routes to: same namespace, labels matching its selector.
   * A Service without a selector routes to manually managed endpoints, so it selects no workload.
   */
  podsSelectedBy(service: Resource): readonly WorkloadSubject[] {
    const selector = asStringMap(asRecord(service.object.spec)?.selector);
    if (Object.keys(selector).length === 0) return [];
    const namespace = namespaceOf(service);
    return this.workloads().filter(
      (w) => w.resource.kind !== 'PodTemplate' && namespaceOf(w.resource) === namespace && mapSelectorMatches(selector, w.workload.podMeta.labels ?? {}),
    );
  }

  /** Services whose selector matches this workload's pods. */
  servicesSelecting(subject: WorkloadSubject): readonly Resource[] {
    return this.inNamespace(namespaceOf(subject.resource), 'Service').filter((service) => {
      const selector = asStringMap(asRecord(service.object.spec)?.selector);
      return Object.keys(selector).length > 0 && mapSelectorMatches(selector, subject.workload.podMeta.labels ?? {});
    });
  }

  networkPoliciesIn(namespace: string): readonly Resource[] {
    return this.inNamespace(namespace, 'NetworkPolicy');
  }

  /** The ServiceAccount object a workload's pods run as, when it is in the input. */
  serviceAccountOf(subject: WorkloadSubject): Resource | undefined {
    const name = serviceAccountOf(subject.workload.podSpec);
    return this.inNamespace(namespaceOf(subject.resource), 'ServiceAccount').find((sa) => sa.name === name);
  }
}

/** The namespace a namespaced object is in, defaulting as kubectl does when the manifest names none. */
export function namespaceOf(resource: Resource): string {
  return resource.namespace ?? DEFAULT_NAMESPACE;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * The workloads whose controller (the owner reference with `controller: true`) is another of
 * them. Owner references are namespace-local and name the owner by kind and name, and by uid,
 * which is compared when both sides carry one (a dump can hold a deleted owner's namesake).
 */
function withoutControlled(subjects: readonly WorkloadSubject[]): WorkloadSubject[] {
  const uidOf = (resource: Resource): string | undefined => asString(asRecord(resource.object.metadata)?.uid);
  const owners = new Map<string, Resource>();
  for (const { resource } of subjects) owners.set(ownerKey(namespaceOf(resource), resource.kind, resource.name), resource);
  const controlled = (resource: Resource): boolean => {
    if (owners.size < 2) return false;
    for (const raw of asArray(asRecord(resource.object.metadata)?.ownerReferences)) {
      const ref = asRecord(raw);
      if (ref?.controller !== true) continue;
      const owner = owners.get(ownerKey(namespaceOf(resource), asString(ref.kind) ?? '', asString(ref.name) ?? ''));
      if (owner === undefined || owner === resource) return false;
      const [wanted, actual] = [asString(ref.uid), uidOf(owner)];
      return wanted === undefined || actual === undefined || wanted === actual;
    }
    return false;
  };
  return subjects.filter(({ resource }) => !controlled(resource));
}

function ownerKey(namespace: string, kind: string, name: string): string {
  return `${namespace}\u0000${kind}\u0000${name}`;
}
