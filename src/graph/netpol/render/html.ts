/**
 * `netpol list --output html`: one self-contained page with the connectivity picture as inline
 * SVG (laid out by layout.ts) and the connections as a table with the rules that allow them. No
 * script at all; the Content-Security-Policy allows nothing but the page's own stylesheet, pinned
 * by its hash, so hostile names in the input can only ever be text.
 */
import { createHash } from 'node:crypto';
import type { AllowingRule, NetpolJson, SideJson } from '../palisade-json.js';
import { connectivityGraph } from './graph.js';
import { layoutGraph, type Layout, type PlacedEdge, type PlacedGroup, type PlacedNode } from './layout.js';

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:20px;margin:0 0 4px}
p.summary{margin:0 0 16px;color:#4a5263}
.picture{overflow:auto;border:1px solid #d8dce4;border-radius:6px;margin-bottom:24px}
svg text{font:12px system-ui,sans-serif}
.group rect{fill:#f4f6fa;stroke:#aab3c5;stroke-width:1}
.group.sources rect,.group.destinations rect{fill:#fff6ec;stroke:#d9a86c;stroke-dasharray:4 3}
.group text{font-weight:600;fill:#38425a}
.node rect{fill:#fff;stroke:#3f6fd8;stroke-width:1.2;rx:4}
.node.external rect,.node.ingress-controller rect{stroke:#c9781f}
.node text{fill:#1d2330}
.edge path{fill:none;stroke:#7d8799;stroke-width:1.1;marker-end:url(#arrow)}
.edge:hover path{stroke:#d0342c;stroke-width:2}
.edge text{fill:#4a5263;font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #e3e6ec;padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}
th{background:#f4f6fa}
td.rules{color:#4a5263}
`;

/** Beyond these the picture is unreadable and the page heavy: it says so and points at --focus-workload. */
export const MAX_DRAWN_NODES = 400;
export const MAX_DRAWN_EDGES = 4_000;
/** Table rows written at most (the JSON output has them all). */
export const MAX_TABLE_ROWS = 20_000;

/** Characters per node label and per edge label before they are cut (the full text is in a tooltip). */
const NODE_CHARS = 28;
const EDGE_CHARS = 26;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function groupSvg(g: PlacedGroup): string {
  return `<g class="group ${g.group.kind}"><title>${escapeXml(g.group.label)}</title><rect x="${g.x}" y="${g.y}" width="${g.width}" height="${g.height}" rx="6"/><text x="${g.x + 10}" y="${g.y + 18}">${escapeXml(cut(g.group.label, Math.floor(g.width / 7.5)))}</text></g>`;
}

function nodeSvg(n: PlacedNode): string {
  return `<g class="node ${n.node.kind}" data-endpoint="${escapeXml(n.node.endpoint)}"><title>${escapeXml(n.node.endpoint)}</title><rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}"/><text x="${n.x + 8}" y="${n.y + n.height / 2 + 4}">${escapeXml(cut(n.node.label, NODE_CHARS))}</text></g>`;
}

function edgeSvg(e: PlacedEdge): string {
  const title = `${e.edge.connection.src} => ${e.edge.connection.dst} : ${e.edge.label}`;
  return `<g class="edge"><title>${escapeXml(title)}</title><path d="${e.path}"/>${e.showLabel ? `<text x="${e.labelX}" y="${e.labelY - 3}" text-anchor="middle">${escapeXml(cut(e.edge.label, EDGE_CHARS))}</text>` : ''}</g>`;
}

export function connectivitySvg(layout: Layout): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="connectivity graph">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#7d8799"/></marker></defs>',
    ...layout.groups.map(groupSvg),
    ...layout.edges.map(edgeSvg),
    ...layout.nodes.map(nodeSvg),
    '</svg>',
  ].join('\n');
}

function rulesText(side: SideJson): string {
  const rules = side.allowedBy.map((r: AllowingRule) => `${r.tier === 'NetworkPolicy' ? '' : `${r.tier} `}${r.policy} rule #${r.rule}${r.ruleName === undefined ? '' : ` (${r.ruleName})`}: ${r.ports}`);
  if (side.allowedByDefault !== undefined) rules.push(side.isolated ? `allowed by default: ${side.allowedByDefault}` : 'not isolated');
  return rules.join('; ');
}

function table(json: NetpolJson): string {
  const rows = json.connections.slice(0, MAX_TABLE_ROWS).map(
    (c) => `<tr><td>${escapeXml(c.src)}</td><td>${escapeXml(c.dst)}</td><td>${escapeXml(c.conn)}</td><td class="rules">${escapeXml(rulesText(c.egress))}</td><td class="rules">${escapeXml(rulesText(c.ingress))}</td></tr>`,
  );
  const cut = json.connections.length > MAX_TABLE_ROWS ? `<p class="summary">The first ${MAX_TABLE_ROWS} of ${json.connections.length} connections; --output palisade-json lists them all.</p>\n` : '';
  return `${cut}<table><thead><tr><th>source</th><th>destination</th><th>allowed</th><th>source egress allowed by</th><th>destination ingress allowed by</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function picture(json: NetpolJson): string {
  const graph = connectivityGraph(json);
  const nodes = graph.groups.reduce((n, g) => n + g.nodes.length, 0);
  if (nodes > MAX_DRAWN_NODES || graph.edges.length > MAX_DRAWN_EDGES) {
    return `<p class="summary">${nodes} endpoints and ${graph.edges.length} connections are too many to draw readably (at most ${MAX_DRAWN_NODES} and ${MAX_DRAWN_EDGES}): narrow the list with --focus-workload.</p>`;
  }
  return connectivitySvg(layoutGraph(graph));
}

export function netpolHtml(json: NetpolJson): string {
  const hash = createHash('sha256').update(STYLE).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'`;
  const workloads = json.endpoints.filter((e) => e.type === 'workload').length;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Palisade: NetworkPolicy connectivity</title>
<style>${STYLE}</style>
</head>
<body>
<h1>NetworkPolicy connectivity</h1>
<p class="summary">${workloads} workloads, ${json.connections.length} allowed connections. Pairs not shown are denied. Hover an edge for its endpoints.</p>
<div class="picture">
${picture(json)}
</div>
${table(json)}
</body>
</html>
`;
}
