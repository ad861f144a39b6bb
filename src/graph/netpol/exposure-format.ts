/** The connectivity list with its exposure section, in netpol-analyzer's txt, json, csv and md layouts. */
import type { Exposure, ExposureLine } from './exposure.js';
import { csvRows, formatList, sortLines, type ConnLine, type ListFormat } from './format.js';
import { compareText } from '../../lib/compare.js';

function sorted(lines: readonly ExposureLine[]): ExposureLine[] {
  return [...lines].sort((a, b) => compareText(a.workload, b.workload) || compareText(a.other, b.other));
}

/** `focusConn` ("TCP 8080"): lines without connections, titles naming the port. */
export function formatWithExposure(lines: readonly ConnLine[], exposure: Exposure, format: ListFormat, workloads: readonly string[], focusConn?: string): string {
  const egress = sorted(exposure.egress);
  const ingress = sorted(exposure.ingress);
  const conns = sortLines(lines);
  if (focusConn !== undefined && format !== 'md' && format !== 'dot') return formatFocused(conns, egress, ingress, format, focusConn);
  switch (format) {
    case 'txt': {
      const width = Math.max(0, ...[...egress, ...ingress].map((l) => l.workload.length));
      const row = (l: ExposureLine, arrow: string): string => `${l.workload.padEnd(width)} \t${arrow} \t${l.other} : ${l.conn}`;
      const sections: string[] = [];
      if (egress.length > 0) sections.push(`Egress Exposure:\n${egress.map((l) => row(l, '=>')).join('\n')}\n`);
      if (ingress.length > 0) sections.push(`Ingress Exposure:\n${ingress.map((l) => row(l, '<=')).join('\n')}\n`);
      if (exposure.unprotected.length > 0) sections.push(`Workloads not protected by network policies:\n${exposure.unprotected.join('\n')}\n`);
      const head = conns.length === 0 ? '' : `${formatList(conns, 'txt')}\n`;
      return `${head}Exposure Analysis Result:\n${sections.join('\n')}`;
    }
    case 'json': {
      const list = conns.map((l) => ({ src: l.src, dst: l.dst, conn: l.conn }));
      const out = {
        connlist_results: list,
        exposure_results: {
          // Go marshals an empty (nil) section as null.
          egress_exposure: egress.length === 0 ? null : egress.map((l) => ({ src: l.workload, dst: l.other, conn: l.conn })),
          ingress_exposure: ingress.length === 0 ? null : ingress.map((l) => ({ src: l.other, dst: l.workload, conn: l.conn })),
        },
      };
      return JSON.stringify(out, null, 2).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
    case 'csv':
      return (
        csvRows([['src', 'dst', 'conn'], ...conns.map((l) => [l.src, l.dst, l.conn]), ['Exposure Analysis Result:', '', '']]) +
        (egress.length === 0 ? '' : csvRows([['Egress Exposure:', '', ''], ['src', 'dst', 'conn'], ...egress.map((l) => [l.workload, l.other, l.conn])])) +
        (ingress.length === 0 ? '' : csvRows([['Ingress Exposure:', '', ''], ['dst', 'src', 'conn'], ...ingress.map((l) => [l.workload, l.other, l.conn])]))
      );
    case 'md': {
      const table = (title: string, head: string, rows: readonly string[]): string => `## ${title}\n${head}\n${rows.join('\n')}\n`;
      return (
        `${formatList(conns, 'md')}\n## Exposure Analysis Result:\n` +
        table('Egress Exposure:', '| src | dst | conn |\n|-----|-----|------|', egress.map((l) => `| ${l.workload} | ${l.other} | ${l.conn} |`)) +
        table('Ingress Exposure:', '| dst | src | conn |\n|-----|-----|------|', ingress.map((l) => `| ${l.workload} | ${l.other} | ${l.conn} |`))
      );
    }
    case 'dot':
      return formatList(
        [...conns, ...egress.map((l) => ({ src: l.workload, dst: l.other, conn: l.conn })), ...ingress.map((l) => ({ src: l.other, dst: l.workload, conn: l.conn }))],
        'dot',
        workloads,
      );
  }
}

function formatFocused(conns: readonly ConnLine[], egress: readonly ExposureLine[], ingress: readonly ExposureLine[], format: 'txt' | 'json' | 'csv', focusConn: string): string {
  switch (format) {
    case 'txt': {
      const width = Math.max(0, ...[...egress, ...ingress].map((l) => l.workload.length));
      const row = (l: ExposureLine, arrow: string): string => `${l.workload.padEnd(width)} \t${arrow} \t${l.other}`;
      const sections: string[] = [];
      if (egress.length > 0) sections.push(`Egress Exposure:\n${egress.map((l) => row(l, '=>')).join('\n')}\n`);
      if (ingress.length > 0) sections.push(`Ingress Exposure:\n${ingress.map((l) => row(l, '<=')).join('\n')}\n`);
      return `${formatList(conns, 'txt', [], focusConn)}\nExposure Analysis Result On ${focusConn}:\n${sections.join('\n')}`;
    }
    case 'json': {
      const out = {
        connlist_conn_focus_results: conns.map((l) => ({ src: l.src, dst: l.dst })),
        exposure_conn_focus_results: {
          egress_exposure: egress.map((l) => ({ src: l.workload, dst: l.other })),
          ingress_exposure: ingress.map((l) => ({ src: l.other, dst: l.workload })),
        },
      };
      return JSON.stringify(out, null, 2).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
    case 'csv':
      return (
        csvRows([['src', 'dst'], ...conns.map((l) => [l.src, l.dst]), [`Exposure Analysis Result On ${focusConn}:`, '', '']]) +
        (egress.length === 0 ? '' : csvRows([['Egress Exposure:', '', ''], ['src', 'dst'], ...egress.map((l) => [l.workload, l.other])])) +
        (ingress.length === 0 ? '' : csvRows([['Ingress Exposure:', '', ''], ['dst', 'src'], ...ingress.map((l) => [l.workload, l.other])]))
      );
  }
}
