/**
 * What runs where, as far as escalation cares: the ServiceAccounts that exist (declared, referenced
 * by a pod, or the `default` of a namespace), the pods and workloads that run as each, the Secrets
 * that hold a ServiceAccount's long-lived token, and the namespaces whose Pod Security admission
 * would refuse a privileged pod.
 */
import type { Resource } from '../../model/resource.js';
import { DEFAULT_NAMESPACE, isClusterScoped } from '../../lib/k8s/kinds.js';
import { asRecord, asString, asStringMap } from '../../lib/k8s/values.js';
import { serviceAccountOf, workloadOf } from '../../lib/k8s/workload.js';

export interface PodRun {
  readonly resource: Resource;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** False when the pod spec (or, failing that, the ServiceAccount) turns off token automounting. */
  readonly automountToken: boolean;
  /** spec.nodeName when the pod is pinned to a node. */
  readonly nodeName?: string;
}

export interface TokenSecret {
  readonly resource: Resource;
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccount: string;
}

export interface Inventory {
  readonly namespaces: readonly string[];
  /** `ns/name` of every ServiceAccount known. */
  readonly serviceAccounts: readonly { readonly namespace: string; readonly name: string }[];
  readonly pods: readonly PodRun[];
  readonly tokenSecrets: readonly TokenSecret[];
  /** Namespaces whose Pod Security `enforce` level (baseline or restricted) refuses privileged pods. */
  readonly podSecurityEnforced: ReadonlySet<string>;
}

const TOKEN_SECRET_TYPE = 'kubernetes.io/service-account-token';
const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

function namespaceOf(resource: Resource): string {
  return resource.namespace ?? DEFAULT_NAMESPACE;
}

export function buildInventory(resources: readonly Resource[]): Inventory {
  const namespaces = new Set<string>();
  const accounts = new Map<string, { namespace: string; name: string }>();
  const automountOff = new Set<string>();
  const pods: PodRun[] = [];
  const tokenSecrets: TokenSecret[] = [];
  const enforced = new Set<string>();
  const addAccount = (namespace: string, name: string): void => {
    accounts.set(`${namespace}/${name}`, { namespace, name });
  };
  const specs: { resource: Resource; namespace: string; sa: string; automount: boolean | undefined; nodeName?: string }[] = [];
  for (const resource of resources) {
    if (resource.kind === 'Namespace') {
      namespaces.add(resource.name);
      const level = asStringMap(asRecord(resource.object.metadata)?.labels)[ENFORCE_LABEL];
      if (level === 'baseline' || level === 'restricted') enforced.add(resource.name);
      continue;
    }
    if (isClusterScoped(resource.kind)) continue;
    const namespace = namespaceOf(resource);
    namespaces.add(namespace);
    if (resource.kind === 'ServiceAccount' && resource.apiVersion === 'v1') {
      addAccount(namespace, resource.name);
      if (resource.object.automountServiceAccountToken === false) automountOff.add(`${namespace}/${resource.name}`);
    } else if (resource.kind === 'Secret' && resource.apiVersion === 'v1' && asString(resource.object.type) === TOKEN_SECRET_TYPE) {
      const sa = asStringMap(asRecord(resource.object.metadata)?.annotations)[SA_NAME_ANNOTATION];
      if (sa !== undefined && sa !== '') tokenSecrets.push({ resource, namespace, name: resource.name, serviceAccount: sa });
    } else {
      const workload = workloadOf(resource.kind, resource.object);
      if (workload === undefined) continue;
      const sa = serviceAccountOf(workload.podSpec);
      const nodeName = asString(workload.podSpec.nodeName);
      specs.push({ resource, namespace, sa, automount: workload.podSpec.automountServiceAccountToken, ...(nodeName === undefined || nodeName === '' ? {} : { nodeName }) });
    }
  }
  for (const spec of specs) {
    addAccount(spec.namespace, spec.sa);
    const automount = spec.automount ?? !automountOff.has(`${spec.namespace}/${spec.sa}`);
    pods.push({ resource: spec.resource, namespace: spec.namespace, serviceAccount: spec.sa, automountToken: automount, ...(spec.nodeName === undefined ? {} : { nodeName: spec.nodeName }) });
  }
  // Every namespace has a `default` ServiceAccount, made by the ServiceAccount controller.
  for (const namespace of namespaces) addAccount(namespace, 'default');
  return {
    namespaces: [...namespaces].sort(),
    serviceAccounts: [...accounts.values()].sort((a, b) => (a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace))),
    pods,
    tokenSecrets,
    podSecurityEnforced: enforced,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
