/**
 * The multi-network connectivity graph in netpol-analyzer's dot layout: one cluster per network
 * ("pod network", `<name>[cluster-udn]`, `<name>[nad]`; a namespace's own UDN is a single
 * `<ns>[udn]` cluster), namespaces nested inside, external ranges outside. A workload on a
 * secondary network is a node of its own there (its id carries the network name), so each
 * network's edges stay within it.
 */
import { dotEdge, memberNode, namespaceCluster, peerNode } from '../format.js';
import { dotString } from '../../../lib/dot.js';
import { compareText } from '../../../lib/compare.js';
import { workloadKey } from '../model.js';
import type { MultiNetworkResult, NetworkSection } from './list.js';
import { groupBy } from '../../../lib/group-by.js';

interface Node {
  readonly id: string;
  readonly namespace: string;
  readonly label: string;
}

function nodeOf(section: NetworkSection, end: string): Node | undefined {
  if (end.endsWith('[External]') || end.startsWith('{')) return undefined;
  const slash = end.indexOf('/');
  if (slash < 0) return undefined;
  const id = section.network.kind === 'nad' ? `${end}${section.column}` : end;
  return { id, namespace: end.slice(0, slash), label: end.slice(slash + 1) };
}

function namespaceBlocks(nodes: readonly Node[]): string[] {
  return [...groupBy(nodes, (n) => n.namespace)]
    .sort(([a], [b]) => compareText(a, b))
    .flatMap(([ns, members]) => namespaceCluster(ns, members.sort((a, b) => compareText(a.id, b.id))));
}

function networkBlock(section: NetworkSection, nodes: readonly Node[]): string[] {
  if (nodes.length === 0) return [];
  const kind = section.network.kind;
  if (kind === 'udn') {
    // One namespace: the network is the namespace's cluster.
    const name = `${section.column}[udn]`;
    return [`\tsubgraph ${dotString(`cluster_${name}`)} {`, '\t\tcolor="black"', '\t\tfontcolor="black"', ...[...nodes].sort((a, b) => compareText(a.id, b.id)).map(memberNode), `\t\tlabel=${dotString(name)}`, '\t}'];
  }
  const [cluster, label] = kind === 'pod' ? ['pod_network', 'pod network'] : [section.column, `${section.column}[${kind === 'cudn' ? 'cluster-udn' : 'nad'}]`];
  return [`\tsubgraph ${dotString(`cluster_${cluster}`)} {`, `\tlabel=${dotString(label)}`, ...namespaceBlocks(nodes), '\t}'];
}

export function formatNetworksDot(result: MultiNetworkResult, focusConn?: string): string {
  const out = ['digraph {'];
  const others = new Set<string>();
  const edges: { src: string; dst: string; label: string }[] = [];
  for (const section of result.sections) {
    const nodes = new Map<string, Node>();
    // Every member is drawn, connected or not.
    for (const w of section.network.cluster.workloads) {
      const node = nodeOf(section, section.network.kind === 'udn' ? `${w.namespace}[udn]/${w.name}[${w.kind}]` : workloadKey(w));
      if (node !== undefined) nodes.set(node.id, node);
    }
    for (const line of section.lines) {
      for (const end of [line.src, line.dst]) {
        const node = nodeOf(section, end);
        if (node === undefined) others.add(end);
        else nodes.set(node.id, node);
      }
      const id = (end: string): string => nodeOf(section, end)?.id ?? end;
      edges.push({ src: id(line.src), dst: id(line.dst), label: focusConn ?? line.conn });
    }
    out.push(...networkBlock(section, [...nodes.values()]));
  }
  for (const o of [...others].sort(compareText)) out.push(peerNode(o));
  edges.sort((a, b) => compareText(a.src, b.src) || compareText(a.dst, b.dst));
  for (const e of edges) out.push(dotEdge(e.src, e.dst, e.label));
  out.push('}');
  return `${out.join('\n')}\n`;
}
