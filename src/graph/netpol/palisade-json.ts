/**
 * Palisade's own JSON for `netpol list` (schemas/netpol-connectivity.schema.json, versioned by
 * `schemaVersion`): every endpoint, every allowed connection with its ports per protocol, and for
 * each connection the policy rules that allow it on each side (the source's egress, the
 * destination's ingress), or that the side is not isolated. netpol-analyzer's `json` stays
 * byte-compatible; this format says why.
 *
 * Explanations are computed once per pair of endpoint classes (or class and address range):
 * workloads of one class are allowed alike, for the same reasons.
 */
import type { Resource } from '../../model/resource.js';
import type { Labels } from '../../lib/k8s/labels.js';
import { Analysis, type Endpoint, type EndpointClass } from './analysis.js';
import { buildCluster } from './cluster.js';
import { connectivityList, type ListOptions } from './connlist.js';
import { ConnectionSet, PROTOCOLS, type Protocol } from './connections.js';
import type { RuleHit } from './evaluate.js';
import { compareText } from '../../lib/compare.js';
import { controllerClass, INGRESS_CONTROLLER } from './ingress-controller.js';
import { formatRanges } from './ip-blocks.js';

export const NETPOL_JSON_SCHEMA_VERSION = '1.0';

export interface PortRanges {
  readonly protocol: Protocol;
  /** Inclusive [first, last] port ranges. */
  readonly ranges: readonly (readonly [number, number])[];
}

export type EndpointJson =
  | {
      readonly id: string;
      readonly type: 'workload';
      readonly namespace: string;
      readonly name: string;
      readonly kind: string;
      readonly labels: Labels;
      readonly hostNetwork: boolean;
      /** Whether any policy (NetworkPolicy or admin tier) decides this direction for the pods. */
      readonly isolated: { readonly ingress: boolean; readonly egress: boolean };
    }
  | { readonly id: string; readonly type: 'external'; readonly ranges: readonly string[] }
  | { readonly id: string; readonly type: 'ingress-controller' };

export interface AllowingRule {
  readonly tier: 'NetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
  /** `namespace/name` for NetworkPolicies, the name for the cluster-scoped admin policies. */
  readonly policy: string;
  /** 1-based position of the rule in the policy's ingress or egress list. */
  readonly rule: number;
  /** The admin rule's own name. */
  readonly ruleName?: string;
  /** The part of the connection this rule allows. */
  readonly ports: string;
}

export interface SideJson {
  readonly isolated: boolean;
  /** Empty when the side is not isolated (everything allowed by default). */
  readonly allowedBy: readonly AllowingRule[];
  /**
   * The part of the connection no rule allows but nothing denies either: all of it on a side no
   * policy isolates, or what an admin rule passed to network policies that do not select the pod.
   * Absent when the rules account for everything.
   */
  readonly allowedByDefault?: string;
}

export interface ConnectionJson {
  readonly src: string;
  readonly dst: string;
  /** netpol-analyzer's text ("All Connections", "TCP 80,UDP 53"). */
  readonly conn: string;
  readonly all: boolean;
  readonly ports: readonly PortRanges[];
  readonly egress: SideJson;
  readonly ingress: SideJson;
}

export interface NetpolJson {
  readonly schemaVersion: string;
  readonly endpoints: readonly EndpointJson[];
  readonly connections: readonly ConnectionJson[];
}

type Side = EndpointClass | Extract<Endpoint, { kind: 'ip' }>;

const ADMIN_HIT = /^\[(B?ANP)\] (.*) \((.*): (Allow|Deny|Pass)\)$/;

export function portRanges(conns: ConnectionSet): PortRanges[] {
  return PROTOCOLS.filter((p) => !conns.portsOf(p).isEmpty()).map((protocol) => ({ protocol, ranges: conns.portsOf(protocol).intervals.map(([s, e]) => [s, e] as const) }));
}

/** One side's explanation of `conns`: the rules allowing part of it (admin Deny and Pass verdicts allow nothing), and what is left allowed by default. */
function explain(hits: readonly RuleHit[], conns: ConnectionSet, isolated: boolean): SideJson {
  const allowedBy: AllowingRule[] = [];
  let covered = ConnectionSet.none();
  for (const hit of isolated ? hits : []) {
    const part = hit.conns.intersect(conns);
    if (part.isEmpty()) continue;
    const admin = ADMIN_HIT.exec(hit.policy);
    if (admin === null) {
      allowedBy.push({ tier: 'NetworkPolicy', policy: hit.policy, rule: hit.rule, ports: part.toString() });
    } else if (admin[4] === 'Allow') {
      allowedBy.push({ tier: admin[1] === 'BANP' ? 'BaselineAdminNetworkPolicy' : 'AdminNetworkPolicy', policy: admin[2] ?? '', rule: hit.rule, ruleName: admin[3] ?? '', ports: part.toString() });
    } else continue;
    covered = covered.union(part);
  }
  const rest = conns.subtract(covered);
  return rest.isEmpty() ? { isolated, allowedBy } : { isolated, allowedBy, allowedByDefault: rest.toString() };
}

function sideKey(side: Side): string {
  return 'id' in side ? `c${side.id}` : side.key;
}

export function netpolJson(resources: readonly Resource[], options: ListOptions = {}): NetpolJson {
  const list = connectivityList(resources, options);
  const analysis = new Analysis(buildCluster(resources));
  const workloads = new Map(analysis.workloads.map((w) => [w.key, w] as const));
  const ranges = new Map([...analysis.srcRanges, ...analysis.dstRanges].map((r) => [r.key, r] as const));
  const controller = controllerClass(analysis);
  const sideOf = (key: string): Side | undefined => (key === INGRESS_CONTROLLER ? controller : (workloads.get(key)?.cls ?? ranges.get(key)));
  const explained = new Map<string, { egress: SideJson; ingress: SideJson }>();
  const connections: ConnectionJson[] = [];
  for (const line of list.lines) {
    const src = sideOf(line.src);
    const dst = sideOf(line.dst);
    if (src === undefined || dst === undefined) continue;
    const key = `${sideKey(src)}>${sideKey(dst)}>${line.conn}`;
    let sides = explained.get(key);
    if (sides === undefined) {
      const side = (direction: 'Egress' | 'Ingress'): SideJson => {
        const result = analysis.side(src, dst, direction, true);
        return explain(result.hits, line.conns, result.isolated);
      };
      sides = { egress: side('Egress'), ingress: side('Ingress') };
      explained.set(key, sides);
    }
    connections.push({ src: line.src, dst: line.dst, conn: line.conn, all: line.conns.isAll(), ports: portRanges(line.conns), ...sides });
  }
  connections.sort((a, b) => compareText(a.src, b.src) || compareText(a.dst, b.dst));
  return { schemaVersion: NETPOL_JSON_SCHEMA_VERSION, endpoints: endpointsOf(analysis, list.workloads, connections), connections };
}

function endpointsOf(analysis: Analysis, listed: readonly string[], connections: readonly ConnectionJson[]): EndpointJson[] {
  const keys = new Set<string>(listed);
  for (const c of connections) {
    keys.add(c.src);
    keys.add(c.dst);
  }
  const workloads = new Map(analysis.workloads.map((w) => [w.key, w] as const));
  const ranges = new Map([...analysis.srcRanges, ...analysis.dstRanges].map((r) => [r.key, r] as const));
  const out: EndpointJson[] = [];
  for (const id of [...keys].sort(compareText)) {
    const w = workloads.get(id);
    if (w !== undefined) {
      const { namespace, name, kind, labels, hostNetwork } = w.workload;
      const isolated = {
        ingress: w.cls.ingress.length > 0 || w.cls.adminIngress.length > 0 || w.cls.baselineIngress !== undefined,
        egress: w.cls.egress.length > 0 || w.cls.adminEgress.length > 0 || w.cls.baselineEgress !== undefined,
      };
      out.push({ id, type: 'workload', namespace, name, kind, labels, hostNetwork, isolated });
      continue;
    }
    const range = ranges.get(id);
    if (range !== undefined) out.push({ id, type: 'external', ranges: formatRanges(range.range).split(',') });
    else if (id === INGRESS_CONTROLLER) out.push({ id, type: 'ingress-controller' });
  }
  return out;
}
