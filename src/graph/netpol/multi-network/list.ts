/**
 * The connectivity list per network (netpol-analyzer's multi-network analysis): each network of
 * the plan is analysed as a cluster of its own, and its lines name workloads as that network
 * shows them (`ns[udn]/name[Kind]` on a namespace's primary UDN). The merged list (every
 * network's connections per pair of endpoints, plain names) is what a diff compares.
 */
import type { Resource } from '../../../model/resource.js';
import type { ConnectivityList, ListedConnection, ListOptions } from '../connlist.js';
import type { Cluster } from '../model.js';
import { workloadKey } from '../model.js';
import { planNetworks, type AnalysedNetwork, type NetworkMembership } from './plan.js';

export interface NetworkSection {
  readonly network: AnalysedNetwork;
  /** "Pod network", "primary UDN blue", "primary CUDN tenant", "secondary NAD l2-network". */
  readonly title: string;
  /** The network column of csv: `pod-network`, the UDN's namespace, the CUDN or NAD name. */
  readonly column: string;
  /** Lines with endpoints named as on this network. */
  readonly lines: readonly ListedConnection[];
  readonly memberCount: number;
}

export interface MultiNetworkResult {
  readonly sections: readonly NetworkSection[];
  /** Every workload's networks, by `ns/name[Kind]`. */
  readonly membership: ReadonlyMap<string, NetworkMembership>;
}

type ListCluster = (resources: readonly Resource[], cluster: Cluster, options: ListOptions) => ConnectivityList;

const TITLES: Readonly<Record<AnalysedNetwork['kind'], string>> = { pod: 'Pod network', udn: 'primary UDN', cudn: 'primary CUDN', nad: 'secondary NAD' };

export function multiNetworkList(resources: readonly Resource[], cluster: Cluster, options: ListOptions, listCluster: ListCluster): ConnectivityList {
  const plan = planNetworks(resources, cluster);
  const sections: NetworkSection[] = [];
  const merged = new Map<string, ListedConnection>();
  for (const network of plan.networks) {
    const list = listCluster(resources, network.cluster, { ...options, exposure: false });
    const shown = network.kind === 'udn' ? udnNames(network.cluster) : undefined;
    const rename = (key: string): string => shown?.get(key) ?? key;
    sections.push({
      network,
      title: network.kind === 'pod' ? TITLES.pod : `${TITLES[network.kind]} ${network.name}`,
      column: network.name,
      lines: list.lines.map((l) => ({ ...l, src: rename(l.src), dst: rename(l.dst) })),
      memberCount: network.cluster.workloads.length,
    });
    for (const line of list.lines) {
      const key = `${line.src}\u0000${line.dst}`;
      const earlier = merged.get(key);
      const conns = earlier === undefined ? line.conns : earlier.conns.union(line.conns);
      merged.set(key, { ...line, conns, conn: conns.toString() });
    }
  }
  const workloads = cluster.workloads.map(workloadKey);
  const notes = cluster.notes === undefined || cluster.notes.length === 0 ? {} : { notes: cluster.notes };
  return { lines: [...merged.values()], workloads, networks: { sections, membership: plan.membership }, ...notes };
}

/** `ns[udn]/name[Kind]`: how workloads on a namespace's own primary UDN are shown. */
function udnNames(cluster: Cluster): Map<string, string> {
  return new Map(cluster.workloads.map((w) => [workloadKey(w), `${w.namespace}[udn]/${w.name}[${w.kind}]`]));
}
