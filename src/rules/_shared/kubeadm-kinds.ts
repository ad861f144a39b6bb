/**
 * Where kubeadm's configuration sits in each kind that carries it: kubeadm's own config files
 * (kubeadm.k8s.io) and the Cluster API objects that embed them (KubeadmConfigSpec in a
 * KubeadmControlPlane, a KubeadmConfig and their templates). One table, so the control-plane and
 * kubelet rules agree on what each kind holds.
 */
import { groupOf } from '../../lib/k8s/kinds.js';
import type { Resource } from '../../model/resource.js';

export interface KubeadmKind {
  /** Where the ClusterConfiguration kubeadm starts the control plane from is ([] for the object itself). */
  readonly cluster?: readonly string[];
  /** The init configuration: the node it runs on gets its kubelet configuration from it. */
  readonly init?: readonly string[];
  /** The join configuration: the node takes its kubelet configuration from the cluster. */
  readonly join?: readonly string[];
  /** The Kubernetes version it deploys. */
  readonly version?: readonly string[];
}

const KCP_SPEC = ['spec', 'kubeadmConfigSpec'];
const KCP_TEMPLATE_SPEC = ['spec', 'template', 'spec', 'kubeadmConfigSpec'];

const KINDS: Readonly<Record<string, { readonly group: string; readonly kind: KubeadmKind }>> = {
  ClusterConfiguration: { group: 'kubeadm.k8s.io', kind: { cluster: [], version: ['kubernetesVersion'] } },
  InitConfiguration: { group: 'kubeadm.k8s.io', kind: { init: [] } },
  JoinConfiguration: { group: 'kubeadm.k8s.io', kind: { join: [] } },
  KubeadmControlPlane: {
    group: 'controlplane.cluster.x-k8s.io',
    kind: { cluster: [...KCP_SPEC, 'clusterConfiguration'], init: [...KCP_SPEC, 'initConfiguration'], join: [...KCP_SPEC, 'joinConfiguration'], version: ['spec', 'version'] },
  },
  // The version of a ClusterClass's control plane is the Cluster's topology version, not in the template.
  KubeadmControlPlaneTemplate: {
    group: 'controlplane.cluster.x-k8s.io',
    kind: { cluster: [...KCP_TEMPLATE_SPEC, 'clusterConfiguration'], init: [...KCP_TEMPLATE_SPEC, 'initConfiguration'], join: [...KCP_TEMPLATE_SPEC, 'joinConfiguration'] },
  },
  // A KubeadmConfig's ClusterConfiguration is copied from its control plane's, which is judged there.
  KubeadmConfig: { group: 'bootstrap.cluster.x-k8s.io', kind: { init: ['spec', 'initConfiguration'], join: ['spec', 'joinConfiguration'] } },
  KubeadmConfigTemplate: { group: 'bootstrap.cluster.x-k8s.io', kind: { init: ['spec', 'template', 'spec', 'initConfiguration'], join: ['spec', 'template', 'spec', 'joinConfiguration'] } },
};

/** The kinds that carry this part of kubeadm's configuration, sorted. */
export function kindsWith(part: 'cluster' | 'init' | 'join'): string[] {
  return Object.keys(KINDS).filter((name) => KINDS[name]?.kind[part] !== undefined).sort();
}

/** What a resource holds of kubeadm's configuration; undefined for any other kind or API group. */
export function kubeadmKindOf(resource: Resource): KubeadmKind | undefined {
  if (!Object.prototype.hasOwnProperty.call(KINDS, resource.kind)) return undefined;
  const entry = KINDS[resource.kind];
  return entry !== undefined && groupOf(resource.apiVersion) === entry.group ? entry.kind : undefined;
}

/** The value at `path` inside `root` (undefined when a step is missing), and the steps that exist. */
export function walk(root: unknown, path: readonly string[]): { readonly value: unknown; readonly present: readonly string[] } {
  let value = root;
  const present: string[] = [];
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, key)) return { value: undefined, present };
    value = (value as Record<string, unknown>)[key];
    present.push(key);
  }
  return { value, present };
}
