/**
 * Entry points and crown jewels, from their written forms:
 *   --from internet | workloads | namespace/NS | pod/NS/NAME | user:NAME | group:NAME
 *   --to   cluster-admin | secrets | nodes | namespace/NS | selector KEY=VALUE[,KEY=VALUE] | configured
 * A spec that matches nothing is not an error (an empty namespace has no path), except a pod named
 * by name that the input lacks (a typo, which would otherwise read as "no path"); a spec that
 * cannot be read is.
 */
import { didYouMean } from '../../lib/did-you-mean.js';
import { globMatches } from '../../lib/glob.js';
import { CROWN_JEWEL_LABEL } from '../netpol/findings/index.js';
import { asRecord, asStringMap } from '../../lib/k8s/values.js';
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
    if (ids.length === 0) return { ok: false, message: noSuchPod(spec, ns, name, workloads) };
    return { ok: true, ids };
  }
  if (/^(user|group):.+/.test(text)) return { ok: true, ids: graph.nodes.has(text) ? [text] : [] };
  return { ok: false, message: `unknown entry point "${spec}"` };
}

/**
 * A pod named on purpose that the input lacks is a typo far more often than an intent: answering
 * "no attack path" would pass a CI check that looked at nothing.
 */
function noSuchPod(spec: string, ns: string, name: string, workloads: readonly WorkloadInfo[]): string {
  const here = workloads.filter((w) => w.namespace === ns).map((w) => `pod/${ns}/${w.endpoint.workload.name}`);
  if (here.length === 0) return `"${spec}" names no pod: the input has no workload in namespace ${ns}`;
  const hint = didYouMean(`pod/${ns}/${name}`, here);
  return `"${spec}" names no pod of the input${hint === '' ? '' : `. ${hint}`}`;
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
    // The Secrets of NS that pods mount count too (mounted-secrets.ts): one node each.
    const mounted = [...graph.nodes.values()].filter((n) => n.kind === 'secret' && n.id.startsWith('secret:') && n.namespace === ns).map((n) => n.id);
    return { ok: true, ids: [...ids, ...mounted, ...workloads.filter((w) => w.namespace === ns).map((w) => w.id)] };
  }
  if (text.startsWith('selector ') || text.startsWith('selector=')) {
    const wanted = parseLabels(text.slice('selector '.length));
    if (wanted === undefined) return { ok: false, message: `"${spec}" is not selector KEY=VALUE[,KEY=VALUE]` };
    return { ok: true, ids: workloads.filter((w) => Object.entries(wanted).every(([k, v]) => w.template.podMeta.labels?.[k] === v)).map((w) => w.id) };
  }
  return { ok: false, message: `unknown crown jewel "${spec}"` };
}

/** `configured`: the crown jewels of `.palisade.yaml` (and everything labelled palisade.dev/crown-jewel: "true"). */
export const CONFIGURED = 'configured';

function parseLabels(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** A configured crown jewel (`.palisade.yaml` crownJewels): globs over kind, namespace and name, and labels. */
export interface JewelSelector {
  readonly kind?: string | undefined;
  readonly namespace?: string | undefined;
  readonly name?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

/** Pods or objects labelled so are crown jewels whatever the configuration says (the netpol findings honour the same label). */
export { CROWN_JEWEL_LABEL };

/**
 * Jewels from configured selectors: a selector of kind Secret names the secrets of the namespaces
 * it matches and the mounted Secrets its name matches, kind Node every node, any other kind the workloads it matches (kind, namespace, name
 * of the workload object; labels of the object or of its pods).
 */
export function configuredJewels(selectors: readonly JewelSelector[], graph: AttackGraph, workloads: readonly WorkloadInfo[]): string[] {
  const out = new Set<string>();
  for (const w of workloads) {
    const objectLabels = asStringMap(asRecord(w.resource.object.metadata)?.labels);
    const podLabels = w.template.podMeta.labels ?? {};
    if (objectLabels[CROWN_JEWEL_LABEL] === 'true' || podLabels[CROWN_JEWEL_LABEL] === 'true') out.add(w.id);
  }
  for (const s of selectors) {
    if (s.kind !== undefined && globMatches(s.kind, 'Secret', true)) {
      for (const node of graph.nodes.values()) {
        if (node.kind !== 'secret') continue;
        if (node.id.startsWith('secrets:')) {
          // Every secret of a namespace (read through the API) holds whichever Secret the selector names.
          const ns = node.id.slice('secrets:'.length);
          if (ns === '*' || globMatches(s.namespace, ns)) out.add(node.id);
        } else if (node.resource !== undefined && globMatches(s.namespace, node.namespace ?? '') && globMatches(s.name, node.resource.name)) {
          out.add(node.id);
        }
      }
      continue;
    }
    if (s.kind !== undefined && globMatches(s.kind, 'Node', true)) {
      for (const node of graph.nodes.values()) if (node.kind === 'node' && (s.name === undefined || globMatches(s.name, node.id.replace(/^node:/, '')))) out.add(node.id);
      continue;
    }
    for (const w of workloads) {
      const objectLabels = asStringMap(asRecord(w.resource.object.metadata)?.labels);
      const podLabels = w.template.podMeta.labels ?? {};
      const labelsOk = Object.entries(s.labels ?? {}).every(([k, v]) => podLabels[k] === v || objectLabels[k] === v);
      if (labelsOk && globMatches(s.kind, w.resource.kind, true) && globMatches(s.namespace, w.namespace) && globMatches(s.name, w.resource.name)) out.add(w.id);
    }
  }
  return [...out].sort();
}
