/**
 * Entry points and crown jewels, from their written forms:
 *   --from internet | workloads | namespace/NS | pod/NS/NAME | user:NAME | group:NAME
 *   --to   cluster-admin | secrets | nodes | namespace/NS | selector KEY=VALUE[,KEY=VALUE]
 * A spec that matches nothing is not an error (an empty namespace has no path); a spec that cannot
 * be read is.
 */
import type { AttackGraph } from './graph.js';
import { INTERNET } from './ids.js';
import type { WorkloadInfo } from './workloads.js';

export const DEFAULT_ENTRIES = ['internet', 'workloads'] as const;
export const DEFAULT_JEWELS = ['cluster-admin', 'secrets', 'nodes'] as const;

export type SpecResult = { readonly ok: true; readonly ids: string[] } | { readonly ok: false; readonly message: string };

export function resolveEntry(spec: string, graph: AttackGraph, workloads: readonly WorkloadInfo[]): SpecResult {
  const text = spec.trim();
  if (text === 'internet') return { ok: true, ids: [INTERNET] };
  if (text === 'workloads' || text === 'pods') return { ok: true, ids: workloads.map((w) => w.id) };
  if (text.startsWith('namespace/')) {
    const ns = text.slice('namespace/'.length);
    if (ns === '') return { ok: false, message: `"${spec}" names no namespace` };
    return { ok: true, ids: workloads.filter((w) => w.namespace === ns).map((w) => w.id) };
  }
  if (text.startsWith('pod/')) {
    const [ns, name, ...rest] = text.slice(4).split('/');
    if (ns === undefined || ns === '' || name === undefined || name === '' || rest.length > 0) return { ok: false, message: `"${spec}" is not pod/NAMESPACE/NAME` };
    // A pod of a Deployment is named after it; take the workload whose object or pods bear the name, or whose name prefixes it.
    const ids = workloads
      .filter((w) => w.namespace === ns && (w.endpoint.workload.name === name || w.endpoint.workload.resources.some((r) => r.name === name) || name.startsWith(`${w.endpoint.workload.name}-`)))
      .map((w) => w.id);
    return { ok: true, ids };
  }
  if (/^(user|group):.+/.test(text)) return { ok: true, ids: graph.nodes.has(text) ? [text] : [] };
  return { ok: false, message: `unknown entry point "${spec}"` };
}

export function resolveJewel(spec: string, graph: AttackGraph, workloads: readonly WorkloadInfo[]): SpecResult {
  const text = spec.trim();
  const ofKind = (kind: string): string[] => [...graph.nodes.values()].filter((n) => n.kind === kind).map((n) => n.id);
  if (text === 'cluster-admin') return { ok: true, ids: ofKind('cluster-admin') };
  if (text === 'secrets') return { ok: true, ids: ofKind('secret') };
  if (text === 'nodes') return { ok: true, ids: ofKind('node') };
  if (text.startsWith('namespace/')) {
    const ns = text.slice('namespace/'.length);
    if (ns === '') return { ok: false, message: `"${spec}" names no namespace` };
    const ids = [`namespace-admin:${ns}`, `secrets:${ns}`].filter((id) => graph.nodes.has(id));
    return { ok: true, ids: [...ids, ...workloads.filter((w) => w.namespace === ns).map((w) => w.id)] };
  }
  if (text.startsWith('selector ') || text.startsWith('selector=')) {
    const wanted = parseLabels(text.slice('selector '.length));
    if (wanted === undefined) return { ok: false, message: `"${spec}" is not selector KEY=VALUE[,KEY=VALUE]` };
    return { ok: true, ids: workloads.filter((w) => Object.entries(wanted).every(([k, v]) => w.template.podMeta.labels?.[k] === v)).map((w) => w.id) };
  }
  return { ok: false, message: `unknown crown jewel "${spec}"` };
}

function parseLabels(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return Object.keys(out).length === 0 ? undefined : out;
}
