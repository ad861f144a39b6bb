/**
 * Least-privilege NetworkPolicies for a set of needed connections: per managed namespace a
 * default deny of ingress and egress, DNS egress to kube-dns, and per workload one policy allowing
 * exactly its needed inbound and outbound connections. A connection needs both ends to allow it,
 * so each need appears twice: as egress of its source and ingress of its destination (only for
 * ends in managed namespaces; system namespaces are left alone).
 */
import type { Protocol } from '../connections.js';
import { PROTOCOLS } from '../connections.js';
import type { Workload } from '../model.js';
import { NAMESPACE_NAME_LABEL } from '../namespaces.js';
import type { Exposure, Need } from './needs.js';
import { distinctNeeds } from './needs.js';
import { groupBy } from '../../../lib/group-by.js';

export const GENERATED_FROM_ANNOTATION = 'palisade.dev/generated-from';

/** Namespaces whose traffic the cluster itself runs; default-denying them would break it. */
export const UNMANAGED_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export const DNS = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, port: 53 } as const;

type Labels = Readonly<Record<string, string>>;

export interface PolicyObject {
  readonly apiVersion: 'networking.k8s.io/v1';
  readonly kind: 'NetworkPolicy';
  readonly metadata: { readonly name: string; readonly namespace: string; readonly annotations: Readonly<Record<string, string>> };
  readonly spec: Readonly<Record<string, unknown>>;
}

export interface PolicyInput {
  readonly needs: readonly Need[];
  /** Ports opened to every address outside the cluster. */
  readonly exposures: readonly Exposure[];
  /** Namespaces to default-deny (workload namespaces and Namespace objects). */
  readonly namespaces: readonly string[];
  readonly selectors: ReadonlyMap<Workload, Labels>;
  /** The value of the palisade.dev/generated-from annotation. */
  readonly generatedFrom: string;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function policy(namespace: string, name: string, generatedFrom: string, spec: Record<string, unknown>): PolicyObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace, annotations: { [GENERATED_FROM_ANNOTATION]: generatedFrom } }, spec };
}

function portsOf(needs: readonly Pick<Need, 'port' | 'protocol'>[]): { protocol: Protocol; port: number }[] {
  const set = new Map<string, { protocol: Protocol; port: number }>();
  for (const n of needs) set.set(`${n.protocol}/${String(n.port)}`, { protocol: n.protocol, port: n.port });
  return [...set.values()].sort((a, b) => PROTOCOLS.indexOf(a.protocol) - PROTOCOLS.indexOf(b.protocol) || a.port - b.port);
}

function peer(namespace: string, labels: Labels): Record<string, unknown> {
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } }, podSelector: { matchLabels: sortedLabels(labels) } };
}

function sortedLabels(labels: Labels): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => compare(a, b)));
}

/** One rule per peer workload, peers in namespace/name/kind order, ports sorted. */
function rules(needs: readonly Need[], peerOf: (n: Need) => Workload, selectors: ReadonlyMap<Workload, Labels>, direction: 'from' | 'to'): Record<string, unknown>[] {
  const byPeer = groupBy(needs, peerOf);
  const order = (w: Workload): string => `${w.namespace}\u0000${w.name}\u0000${w.kind}`;
  const out: Record<string, unknown>[] = [];
  for (const [w, list] of [...byPeer].sort(([a], [b]) => compare(order(a), order(b)))) {
    const labels = selectors.get(w);
    if (labels === undefined) continue;
    out.push({ [direction]: [peer(w.namespace, labels)], ports: portsOf(list) });
  }
  return out;
}

/** A DNS-1123 name for the workload's policy; the kind keeps a Deployment and a StatefulSet of one name apart. */
function policyName(w: Workload): string {
  return `palisade-allow-${w.kind.toLowerCase()}-${w.name}`.slice(0, 253).replace(/[-.]+$/, '');
}

export function generatePolicies(input: PolicyInput): PolicyObject[] {
  // A workload reaching itself (StatefulSet peers through their headless Service) is still one
  // pod reaching another, which the default deny blocks: it gets a rule naming itself.
  const needs = distinctNeeds(input.needs).filter((n) => input.selectors.has(n.src) && input.selectors.has(n.dst));
  const managed = [...new Set(input.namespaces)].filter((ns) => !UNMANAGED_NAMESPACES.has(ns)).sort(compare);
  const into = groupBy(needs, (n) => n.dst);
  const outOf = groupBy(needs, (n) => n.src);
  const exposedBy = groupBy(input.exposures, (e) => e.dst);
  const byNamespace = groupBy([...input.selectors.keys()], (w) => w.namespace);
  const out: PolicyObject[] = [];
  for (const namespace of managed) {
    out.push(policy(namespace, 'palisade-default-deny', input.generatedFrom, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
    out.push(
      policy(namespace, 'palisade-allow-dns', input.generatedFrom, {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [peer(DNS.namespace, DNS.labels)], ports: [{ protocol: 'UDP', port: DNS.port }, { protocol: 'TCP', port: DNS.port }] }],
      }),
    );
    const here = (byNamespace.get(namespace) ?? []).sort((a, b) => compare(policyName(a), policyName(b)));
    for (const w of here) {
      const exposed = exposedBy.get(w) ?? [];
      const ingress = [
        // ipBlock peers match addresses outside the cluster only; in-cluster clients still need their own rule.
        ...(exposed.length > 0 ? [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: portsOf(exposed) }] : []),
        ...rules(into.get(w) ?? [], (n) => n.src, input.selectors, 'from'),
      ];
      const egress = rules(outOf.get(w) ?? [], (n) => n.dst, input.selectors, 'to');
      if (ingress.length === 0 && egress.length === 0) continue;
      const types = [...(ingress.length > 0 ? ['Ingress'] : []), ...(egress.length > 0 ? ['Egress'] : [])];
      out.push(
        policy(namespace, policyName(w), input.generatedFrom, {
          podSelector: { matchLabels: sortedLabels(input.selectors.get(w) ?? {}) },
          policyTypes: types,
          ...(ingress.length > 0 ? { ingress } : {}),
          ...(egress.length > 0 ? { egress } : {}),
        }),
      );
    }
  }
  return out;
}
