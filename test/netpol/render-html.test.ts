/**
 * The connectivity picture without a browser: layout geometry (no two boxes overlap, nodes inside
 * their group, edges between the right boxes), grouping of outside endpoints, escaping of hostile
 * names, and the CSP pinned to the page's one stylesheet.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { netpolJson, type NetpolJson } from '../../src/graph/netpol/palisade-json.js';
import { connectivityGraph, DESTINATIONS_GROUP, SOURCES_GROUP } from '../../src/graph/netpol/render/graph.js';
import { layoutGraph, type Box } from '../../src/graph/netpol/render/layout.js';
import { MAX_TABLE_ROWS, netpolHtml } from '../../src/graph/netpol/render/html.js';
import { tieredCluster } from './render-support.js';

async function jsonOf(yaml: string): Promise<NetpolJson> {
  const loaded = await loadInputs({ paths: ['-'], stdin: Readable.from([yaml]) });
  return netpolJson(loaded.resources);
}

const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box): boolean => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe('connectivity picture layout', () => {
  it('places 50 workloads in 5 namespaces with no overlapping boxes, ranked left to right', async () => {
    const json = await jsonOf(tieredCluster(5, 10));
    const graph = connectivityGraph(json);
    const layout = layoutGraph(graph);
    expect(layout.nodes.filter((n) => n.node.kind === 'workload')).toHaveLength(50);
    for (const [i, a] of layout.nodes.entries()) for (const b of layout.nodes.slice(i + 1)) expect(overlap(a, b), `${a.node.id} / ${b.node.id}`).toBe(false);
    for (const [i, a] of layout.groups.entries()) for (const b of layout.groups.slice(i + 1)) expect(overlap(a, b), `${a.group.id} / ${b.group.id}`).toBe(false);
    for (const n of layout.nodes) {
      const group = layout.groups.find((g) => g.group.id === n.node.group);
      expect(group !== undefined && inside(n, group), n.node.id).toBe(true);
    }
    for (const b of [...layout.nodes, ...layout.groups]) expect(b.x + b.width <= layout.width && b.y + b.height <= layout.height).toBe(true);
    // The internet's sources come first and its destinations last.
    const xOf = (id: string): number => layout.groups.find((g) => g.group.id === id)?.x ?? Number.NaN;
    const namespaces = layout.groups.filter((g) => g.group.kind === 'namespace').map((g) => g.x);
    expect(xOf(SOURCES_GROUP)).toBeLessThan(Math.min(...namespaces));
    expect(json.connections.some((c) => c.dst.endsWith('[External]'))).toBe(false);
    expect(layout.edges).toHaveLength(json.connections.length);
  });

  it('puts an address range that is both source and destination on both sides', async () => {
    const json = await jsonOf(`apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: web, image: nginx}]}
`);
    const graph = connectivityGraph(json);
    const outside = graph.groups.filter((g) => g.kind !== 'namespace').map((g) => [g.id, g.nodes.map((n) => n.endpoint)]);
    expect(outside).toEqual([
      [SOURCES_GROUP, ['0.0.0.0-255.255.255.255[External]']],
      [DESTINATIONS_GROUP, ['0.0.0.0-255.255.255.255[External]']],
    ]);
    const layout = layoutGraph(graph);
    const [sources, namespace, destinations] = [SOURCES_GROUP, 'shop', DESTINATIONS_GROUP].map((id) => layout.groups.find((g) => g.group.id === id)?.x ?? Number.NaN);
    expect(sources).toBeLessThan(namespace as number);
    expect(namespace).toBeLessThan(destinations as number);
  });

  it('escapes hostile names and pins the CSP to the stylesheet, with no script', async () => {
    const json = await jsonOf(`apiVersion: v1
kind: Pod
metadata: {name: x, namespace: shop, labels: {app: "a"}}
spec: {containers: [{name: web, image: nginx}]}
`);
    const hostile: NetpolJson = {
      ...json,
      endpoints: json.endpoints.map((e) => (e.type === 'workload' ? { ...e, id: 'shop/<script>alert(1)</script>[Pod]', name: '<script>alert(1)</script>' } : e)),
      connections: json.connections.map((c) => ({ ...c, src: c.src.replace('shop/x[Pod]', 'shop/<script>alert(1)</script>[Pod]'), dst: c.dst.replace('shop/x[Pod]', 'shop/<script>alert(1)</script>[Pod]') })),
    };
    const html = netpolHtml(hostile);
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;script&#62;');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(html).toContain(`style-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
  });

  it('refuses to draw what nobody could read, and caps the table', async () => {
    const json = await jsonOf(tieredCluster(2, 3));
    const many = Array.from({ length: MAX_TABLE_ROWS + 5 }, (_, i) => ({ ...(json.connections[0] as NetpolJson['connections'][number]), dst: `x/w${i}[Pod]` }));
    const endpoints = many.map((c, i) => ({ id: c.dst, type: 'workload' as const, namespace: 'x', name: `w${i}`, kind: 'Pod', labels: {}, hostNetwork: false, isolated: { ingress: false, egress: false } }));
    const html = netpolHtml({ ...json, endpoints: [...json.endpoints, ...endpoints], connections: many });
    expect(html).not.toContain('<svg');
    expect(html).toContain('too many to draw readably');
    expect(html).toContain(`The first ${MAX_TABLE_ROWS} of ${MAX_TABLE_ROWS + 5} connections`);
    expect(html.split('<tr>').length - 2).toBe(MAX_TABLE_ROWS);
  });
});
