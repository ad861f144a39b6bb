/**
 * The connectivity picture as a graph of groups and nodes: one group per namespace, and two groups
 * for everything outside the cluster: the external sources (addresses that connect in, the ingress
 * controller) on the left and the external destinations on the right, so an address range that
 * is both appears twice and the picture reads left to right, from the internet to the internet.
 */
import type { ConnectionJson, EndpointJson, NetpolJson } from '../palisade-json.js';
import { compareText } from '../../../lib/compare.js';

export interface GraphNode {
  readonly id: string;
  /** The endpoint id as netpol lists it. */
  readonly endpoint: string;
  readonly label: string;
  readonly kind: 'workload' | 'external' | 'ingress-controller';
  readonly group: string;
}

export interface GraphGroup {
  readonly id: string;
  readonly label: string;
  readonly kind: 'namespace' | 'sources' | 'destinations';
  readonly nodes: readonly GraphNode[];
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly connection: ConnectionJson;
}

export interface ConnectivityGraph {
  readonly groups: readonly GraphGroup[];
  readonly edges: readonly GraphEdge[];
}

export const SOURCES_GROUP = '(outside: sources)';
export const DESTINATIONS_GROUP = '(outside: destinations)';

function workloadNode(e: Extract<EndpointJson, { type: 'workload' }>): GraphNode {
  return { id: e.id, endpoint: e.id, label: `${e.name} [${e.kind}]`, kind: 'workload', group: e.namespace };
}

function outsideNode(e: EndpointJson, side: 'src' | 'dst'): GraphNode {
  const label = e.type === 'external' ? e.ranges.join(', ') : 'ingress controller';
  return { id: `${side}:${e.id}`, endpoint: e.id, label, kind: e.type === 'external' ? 'external' : 'ingress-controller', group: side === 'src' ? SOURCES_GROUP : DESTINATIONS_GROUP };
}

export function connectivityGraph(json: NetpolJson): ConnectivityGraph {
  const byId = new Map(json.endpoints.map((e) => [e.id, e] as const));
  const nodes = new Map<string, GraphNode>();
  for (const e of json.endpoints) if (e.type === 'workload') nodes.set(e.id, workloadNode(e));
  const nodeFor = (id: string, side: 'src' | 'dst'): GraphNode | undefined => {
    const endpoint = byId.get(id);
    if (endpoint === undefined) return undefined;
    if (endpoint.type === 'workload') return nodes.get(id);
    const node = outsideNode(endpoint, side);
    if (!nodes.has(node.id)) nodes.set(node.id, node);
    return node;
  };
  const edges: GraphEdge[] = [];
  for (const c of json.connections) {
    const from = nodeFor(c.src, 'src');
    const to = nodeFor(c.dst, 'dst');
    if (from !== undefined && to !== undefined) edges.push({ from: from.id, to: to.id, label: c.conn, connection: c });
  }
  const members = new Map<string, GraphNode[]>();
  for (const node of nodes.values()) {
    const list = members.get(node.group);
    if (list === undefined) members.set(node.group, [node]);
    else list.push(node);
  }
  const kindOf = (id: string): GraphGroup['kind'] => (id === SOURCES_GROUP ? 'sources' : id === DESTINATIONS_GROUP ? 'destinations' : 'namespace');
  const order = (id: string): number => (id === SOURCES_GROUP ? 0 : id === DESTINATIONS_GROUP ? 2 : 1);
  const groups = [...members]
    .sort(([a], [b]) => order(a) - order(b) || compareText(a, b))
    .map(([id, list]) => ({ id, label: kindOf(id) === 'namespace' ? `namespace ${id}` : id === SOURCES_GROUP ? 'from outside the cluster' : 'to outside the cluster', kind: kindOf(id), nodes: list.sort((a, b) => compareText(a.label, b.label)) }));
  return { groups, edges };
}
