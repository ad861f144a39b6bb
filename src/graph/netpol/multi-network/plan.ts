/**
 * Splits a cluster into the networks its workloads live on, as netpol-analyzer's multi-network
 * analysis does:
 *  - the pod network: workloads of namespaces without a primary user-defined network, under the
 *    NetworkPolicies and admin policies;
 *  - one per primary UDN / CUDN: the workloads of its namespaces, under the same policies (pods
 *    on different networks never reach each other);
 *  - one per secondary network (NetworkAttachmentDefinitions of one name, and secondary
 *    UDNs/CUDNs): the workloads attached to it, under only the MultiNetworkPolicies written for
 *    it (`k8s.v1.cni.cncf.io/policy-for`). Secondary networks reach no external address;
 *    their ipBlocks match the pods' secondary addresses.
 */
import type { Resource } from '../../../model/resource.js';
import { asRecord, asString, asStringMap } from '../../../lib/k8s/values.js';
import { errorAt } from '../errors.js';
import type { Cluster, NetworkPolicy, Workload } from '../model.js';
import { workloadKey } from '../model.js';
import { parseNetworkPolicy } from '../parse-policy.js';
import { attachmentRef } from './attachments.js';
import { primaryNetworks, readUserDefinedNetworks, selectsNamespace, type UserDefinedNetwork } from './user-defined.js';

export const POD_NETWORK = 'pod-network';
const NAD_KIND = 'NetworkAttachmentDefinition';
const MNP_KIND = 'MultiNetworkPolicy';
const POLICY_FOR_ANNOTATION = 'k8s.v1.cni.cncf.io/policy-for';

export type NetworkKind = 'pod' | 'udn' | 'cudn' | 'nad';

export interface AnalysedNetwork {
  readonly kind: NetworkKind;
  /** `pod-network`, the UDN's namespace, the CUDN's name, or the attachment name. */
  readonly name: string;
  /** The sub-cluster analysed for this network: its members and the policies that apply there. */
  readonly cluster: Cluster;
}

export interface NetworkMembership {
  /** `pod-network`, `ns[UDN]` or `name[CUDN]`. */
  readonly primary: string;
  /** Secondary networks, `name[NAD]`, sorted. */
  readonly secondary: readonly string[];
}

export interface NetworkPlan {
  readonly networks: readonly AnalysedNetwork[];
  readonly membership: ReadonlyMap<string, NetworkMembership>;
}

const ORDER: Readonly<Record<NetworkKind, number>> = { pod: 0, udn: 1, cudn: 2, nad: 3 };

export function planNetworks(resources: readonly Resource[], cluster: Cluster): NetworkPlan {
  const udns = readUserDefinedNetworks(resources);
  const primaryOf = primaryNetworks(udns, cluster.namespaces.values());
  const secondaryNames = secondaryAttachments(resources, udns, cluster);
  const mnps = readMultiNetworkPolicies(resources);

  const primaryKey = (w: Workload): { kind: NetworkKind; name: string } => {
    const udn = primaryOf.get(w.namespace);
    if (udn === undefined) return { kind: 'pod', name: POD_NETWORK };
    return udn.kind === 'udn' ? { kind: 'udn', name: w.namespace } : { kind: 'cudn', name: udn.name };
  };

  const groups = new Map<string, { kind: NetworkKind; name: string; members: Workload[] }>();
  const join = (kind: NetworkKind, name: string, w: Workload): void => {
    const key = `${kind}/${name}`;
    const group = groups.get(key) ?? { kind, name, members: [] };
    groups.set(key, group);
    group.members.push(w);
  };
  groups.set(`pod/${POD_NETWORK}`, { kind: 'pod', name: POD_NETWORK, members: [] });
  const membership = new Map<string, NetworkMembership>();
  for (const w of cluster.workloads) {
    const primary = primaryKey(w);
    join(primary.kind, primary.name, w);
    const secondary = [...new Set((w.attachments ?? []).map((a) => secondaryNames.get(`${a.namespace}/${a.name}`)).filter((n): n is string => n !== undefined))].sort();
    for (const name of secondary) join('nad', name, w);
    membership.set(workloadKey(w), { primary: primary.kind === 'pod' ? POD_NETWORK : `${primary.name}[${primary.kind.toUpperCase()}]`, secondary: secondary.map((n) => `${n}[NAD]`) });
  }

  const networks = [...groups.values()]
    .sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((g): AnalysedNetwork => ({
      kind: g.kind,
      name: g.name,
      cluster:
        g.kind === 'nad'
          ? { ...cluster, workloads: g.members, policies: mnps.filter((p) => p.networks.has(g.name)).map((p) => p.policy), admin: [], baseline: undefined, cilium: [], scope: { externals: false, podAddresses: true } }
          : { ...cluster, workloads: g.members },
    }));
  return { networks, membership };
}

/**
 * Secondary network names by the `namespace/name` a pod may write: every
 * NetworkAttachmentDefinition (named by its own name, so definitions of one name in several
 * namespaces are one network) and every secondary UDN/CUDN in the namespaces it serves.
 */
function secondaryAttachments(resources: readonly Resource[], udns: readonly UserDefinedNetwork[], cluster: Cluster): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of resources) {
    if (r.kind !== NAD_KIND) continue;
    const namespace = r.namespace === undefined || r.namespace === '' ? 'default' : r.namespace;
    out.set(`${namespace}/${r.name}`, r.name);
  }
  for (const udn of udns) {
    if (udn.role !== 'Secondary') continue;
    for (const ns of cluster.namespaces.values()) if (selectsNamespace(udn, ns)) out.set(`${ns.name}/${udn.name}`, udn.name);
  }
  return out;
}

interface MultiNetworkPolicy {
  readonly policy: NetworkPolicy;
  /** Names of the secondary networks it is written for. */
  readonly networks: ReadonlySet<string>;
}

/** MultiNetworkPolicies: NetworkPolicy semantics, for the networks their `policy-for` annotation names. */
function readMultiNetworkPolicies(resources: readonly Resource[]): MultiNetworkPolicy[] {
  const seen = new Set<string>();
  const out: MultiNetworkPolicy[] = [];
  for (const r of resources) {
    if (r.kind !== MNP_KIND || !r.apiVersion.startsWith('k8s.cni.cncf.io/')) continue;
    const namespace = r.namespace === undefined || r.namespace === '' ? 'default' : r.namespace;
    const key = `${namespace}/${r.name}`;
    if (seen.has(key)) throw errorAt(r, '/metadata/name', `MultiNetworkPolicy "${key}" already exists. Only one object of a given kind can have a given name at a time.`);
    seen.add(key);
    const annotation = asString(asStringMap(asRecord(r.object.metadata)?.annotations)[POLICY_FOR_ANNOTATION]) ?? '';
    const networks = new Set(annotation.split(',').map((item) => attachmentRef(item, namespace)?.name).filter((n): n is string => n !== undefined));
    out.push({ policy: parseNetworkPolicy(r, namespace, 'multi-network policy [MNP]'), networks });
  }
  return out;
}
