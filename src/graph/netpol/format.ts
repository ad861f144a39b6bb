/**
 * The connectivity list in netpol-analyzer's output formats, byte for byte: txt, json, csv, md,
 * dot. Lines are sorted by source then destination (plain byte order, as Go's sort does).
 */
import { dotString } from '../../lib/dot.js';
import { compareText } from '../../lib/compare.js';
import { groupBy } from '../../lib/group-by.js';

export interface ConnLine {
  readonly src: string;
  readonly dst: string;
  readonly conn: string;
}

export const LIST_FORMATS = ['txt', 'json', 'csv', 'md', 'dot'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export function sortLines(lines: readonly ConnLine[]): ConnLine[] {
  return [...lines].sort((a, b) => compareText(a.src, b.src) || compareText(a.dst, b.dst));
}

/**
 * `focusConn` ("UDP 52"): the list holds only connections allowing that port, so lines carry no
 * connection column and a title says which port.
 */
export function formatList(lines: readonly ConnLine[], format: ListFormat, workloads: readonly string[] = [], focusConn?: string): string {
  const sorted = sortLines(lines);
  if (focusConn !== undefined) return formatFocusConn(sorted, format, focusConn);
  switch (format) {
    case 'txt':
      return sorted.map((l) => `${l.src} => ${l.dst} : ${l.conn}\n`).join('');
    case 'json':
      return goJson(sorted.map((l) => ({ src: l.src, dst: l.dst, conn: l.conn })));
    case 'csv':
      return csvRows([['src', 'dst', 'conn'], ...sorted.map((l) => [l.src, l.dst, l.conn])]);
    case 'md':
      return ['| src | dst | conn |', '|-----|-----|------|', ...sorted.map((l) => `| ${l.src} | ${l.dst} | ${l.conn} |`)].join('\n') + '\n';
    case 'dot':
      return formatDot(sorted, workloads);
  }
}

/** Go's json.MarshalIndent with two spaces: HTML-sensitive characters escaped, `[]` when empty. */
export function goJson(value: readonly Record<string, string>[]): string {
  if (value.length === 0) return '[]';
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** encoding/csv: quote a field holding a comma, quote, CR/LF, or starting with a space. */
export function csvRows(rows: readonly (readonly string[])[]): string {
  const field = (f: string): string => (/[",\r\n]/.test(f) || f.startsWith(' ') || f.startsWith('\t') ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => `${r.map(field).join(',')}\n`).join('');
}

function namespaceOfPeer(peer: string): string | undefined {
  const slash = peer.indexOf('/');
  return peer.includes('[External]') || peer.startsWith('{') || slash < 0 ? undefined : peer.slice(0, slash);
}

/** One namespace as a dot cluster (netpol-analyzer's layout: `-` becomes `_` in the cluster id). */
export function namespaceCluster(namespace: string, nodes: readonly { readonly id: string; readonly label: string }[]): string[] {
  const out = [`\tsubgraph ${dotString(`cluster_${namespace.replace(/-/g, '_')}[namespace]`)} {`, '\t\tcolor="black"', '\t\tfontcolor="black"'];
  for (const n of nodes) out.push(memberNode(n));
  out.push(`\t\tlabel=${dotString(`${namespace}[namespace]`)}`, '\t}');
  return out;
}

/** A peer outside every namespace cluster: an IP block (red) or a `{...}` selector peer (blue). */
export function peerNode(peer: string): string {
  const color = peer.startsWith('{') ? 'blue' : 'red2';
  return `\t${dotString(peer)} [label=${dotString(peer)} color="${color}" fontcolor="${color}"]`;
}

/** A workload inside a namespace or network cluster. */
export function memberNode(node: { readonly id: string; readonly label: string }): string {
  return `\t\t${dotString(node.id)} [label=${dotString(node.label)} color="blue" fontcolor="blue"]`;
}

/** An edge; one going "backwards" (source sorting after destination) weighs 1, a forward one 0.5, so Graphviz keeps mutual edges apart. */
export function dotEdge(src: string, dst: string, label: string): string {
  return `\t${dotString(src)} -> ${dotString(dst)} [label=${dotString(label)} color="gold2" fontcolor="darkgreen" weight=${compareText(src, dst) < 0 ? '0.5' : '1'}]`;
}

function formatDot(lines: readonly ConnLine[], workloads: readonly string[]): string {
  const peers = new Set<string>(workloads);
  for (const l of lines) {
    peers.add(l.src);
    peers.add(l.dst);
  }
  // Peers outside any namespace (IP blocks, the outside world) are drawn outside the clusters.
  const byNamespace = groupBy([...peers].sort(compareText), namespaceOfPeer);
  const out = ['digraph {'];
  for (const [ns, members] of [...byNamespace].sort(([a], [b]) => compareText(a ?? '', b ?? ''))) {
    if (ns !== undefined) out.push(...namespaceCluster(ns, members.map((m) => ({ id: m, label: m.slice(ns.length + 1) }))));
  }
  for (const o of byNamespace.get(undefined) ?? []) out.push(peerNode(o));
  for (const l of lines) out.push(dotEdge(l.src, l.dst, l.conn));
  out.push('}');
  return `${out.join('\n')}\n`;
}

function formatFocusConn(sorted: readonly ConnLine[], format: ListFormat, focusConn: string): string {
  switch (format) {
    case 'txt':
      return `Permitted connections on ${focusConn}:\n${sorted.map((l) => `${l.src} => ${l.dst}\n`).join('')}`;
    case 'json':
      return goJson(sorted.map((l) => ({ src: l.src, dst: l.dst })));
    case 'csv':
      return csvRows([['src', 'dst'], ...sorted.map((l) => [l.src, l.dst])]);
    case 'md':
      return `${[`Permitted connections on ${focusConn}:`, '| src | dst |', '|-----|-----|', ...sorted.map((l) => `| ${l.src} | ${l.dst} |`)].join('\n')}\n`;
    case 'dot':
      return formatDot(sorted.map((l) => ({ ...l, conn: focusConn })), []);
  }
}
