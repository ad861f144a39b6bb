/**
 * The multi-network connectivity list in netpol-analyzer's formats. txt has one section per
 * network (`Permitted connectivity analyzed in <network>:`) and ends with the
 * workload-to-networks mapping; json and md list every network's connections together; csv adds
 * a network column; dot draws each network as a cluster. With a focus port the sections that
 * allow nothing on it are left out.
 */
import { csvRows, formatList, goJson, sortLines, type ConnLine, type ListFormat } from '../format.js';
import { compareText } from '../../../lib/compare.js';
import { formatNetworksDot } from './dot.js';
import type { MultiNetworkResult, NetworkSection } from './list.js';
import { POD_NETWORK } from './plan.js';

interface NetworkLine extends ConnLine {
  readonly network: string;
}

const NO_POD_NETWORK_WORKLOADS = 'all input workloads are configured with (C)UDN as their primary network interface';

export function formatNetworks(result: MultiNetworkResult, format: ListFormat, workloads: readonly string[], focusConn?: string): string {
  switch (format) {
    case 'txt':
      return focusConn === undefined ? sectionsText(result) : focusText(result.sections, focusConn);
    case 'json':
      return goJson(allLines(result).map((l) => (focusConn === undefined ? { src: l.src, dst: l.dst, conn: l.conn } : { src: l.src, dst: l.dst })));
    case 'csv':
      return focusConn === undefined
        ? csvRows([['src', 'dst', 'conn', 'network'], ...allLines(result).map((l) => [l.src, l.dst, l.conn, l.network])])
        : csvRows([['src', 'dst', 'network'], ...allLines(result).map((l) => [l.src, l.dst, l.network])]);
    case 'md':
      // netpol-analyzer's md lists every network's lines together, like json.
      return formatList(allLines(result), 'md', workloads, focusConn);
    case 'dot':
      return formatNetworksDot(result, focusConn);
  }
}

/** Every network's lines, sorted by source, destination, then network name. */
function allLines(result: MultiNetworkResult): NetworkLine[] {
  const out = result.sections.flatMap((s) => s.lines.map((l) => ({ src: l.src, dst: l.dst, conn: l.conn, network: s.column })));
  return out.sort((a, b) => compareText(a.src, b.src) || compareText(a.dst, b.dst) || compareText(a.network, b.network));
}

function emptySectionText(section: NetworkSection): string {
  if (section.network.kind === 'pod' && section.memberCount === 0) return NO_POD_NETWORK_WORKLOADS;
  return `All connections are not allowed for the workloads in the ${section.network.kind === 'pod' ? POD_NETWORK : section.column}`;
}

function sectionsText(result: MultiNetworkResult): string {
  const sections = result.sections.map((s) => {
    const body = s.lines.length === 0 ? emptySectionText(s) : sortLines(s.lines).map((l) => `${l.src} => ${l.dst} : ${l.conn}`).join('\n');
    return `Permitted connectivity analyzed in ${s.title}:\n${body}`;
  });
  const mapping = [...result.membership.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, m]) => `${key}: \n\tPrimary Network: ${m.primary}\n${m.secondary.length === 0 ? '' : `\tSecondary Networks: ${m.secondary.join(',')}\n`}`);
  return `${sections.join('\n\n')}\n\nWorkload-to-Networks Mapping:\n${mapping.join('')}`;
}

function focusText(sections: readonly NetworkSection[], focusConn: string): string {
  const kept = sections.filter((s) => s.lines.length > 0).map((s) => `Permitted connectivity analyzed in ${s.title}:\n${sortLines(s.lines).map((l) => `${l.src} => ${l.dst}`).join('\n')}`);
  return `Permitted connections on ${focusConn}:\n${kept.length === 0 ? '' : `\n${kept.join('\n\n')}\n`}`;
}
