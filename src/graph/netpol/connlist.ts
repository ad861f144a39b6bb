/** The connectivity list: analysis plus the options netpol-analyzer's `list` command offers. */
import type { Resource } from '../../model/resource.js';
import { Analysis, type Endpoint } from './analysis.js';
import { ENTIRE_CLUSTER, exposureAnalysis, type Exposure, type ExposureLine } from './exposure.js';
import { buildCluster } from './cluster.js';
import type { ConnLine } from './format.js';
import type { ConnectionSet, Protocol } from './connections.js';
import type { IntervalSet } from './intervals.js';
import { checkFocusNames, INGRESS_CONTROLLER_END, named, type FocusEnd } from './focus-workloads.js';
import { INGRESS_CONTROLLER, ingressConnections } from './ingress-controller.js';
import type { Cluster } from './model.js';
import { multiNetworkList, type MultiNetworkResult } from './multi-network/list.js';

export interface ListOptions {
  /** Keep only connections with one of these workloads (`name` or `namespace/name`) at an end. */
  readonly focusWorkloads?: readonly string[];
  /** With focusWorkloads: keep only connections whose other end is one of these workloads. */
  readonly focusWorkloadPeers?: readonly string[];
  /** With focusWorkloads: only connections into (ingress) or out of (egress) the focus workloads. */
  readonly focusDirection?: 'ingress' | 'egress';
  /** Keep only connections allowing this protocol and port (the lines then carry no connection). */
  readonly focusConn?: { readonly protocol: Protocol; readonly port: number };
  /** Also compute the exposure analysis (potential peers, entire-cluster exposure, unprotected workloads). */
  readonly exposure?: boolean;
  /**
   * Analyse each network apart: the pod network, primary user-defined networks (UDN, CUDN) and
   * secondary networks (NetworkAttachmentDefinitions with their MultiNetworkPolicies).
   */
  readonly multipleNetworks?: boolean;
}

/** One allowed connection, with what the diff needs beyond the printed line. */
export interface ListedConnection extends ConnLine {
  readonly conns: ConnectionSet;
  /** The address range of an external endpoint. */
  readonly srcRange?: IntervalSet;
  readonly dstRange?: IntervalSet;
}

export interface ConnectivityList {
  readonly lines: readonly ListedConnection[];
  /** Every workload endpoint (`ns/name[Kind]`), for graph outputs that show isolated nodes. */
  readonly workloads: readonly string[];
  readonly exposure?: Exposure;
  /** With `multipleNetworks`: the list per network (`lines` then holds every network's connections merged by endpoint). */
  readonly networks?: MultiNetworkResult;
  /** What the input holds that the analysis does not model (Cilium L7 rules, host entities, ...). */
  readonly notes?: readonly string[];
}

/** Whether a connection passes the workload focus options (netpol-analyzer's focus-workload, -peer and -direction). */
function inFocus(src: FocusEnd, dst: FocusEnd, options: ListOptions): boolean {
  const focus = options.focusWorkloads ?? [];
  if (focus.length === 0) return true;
  const peers = options.focusWorkloadPeers ?? [];
  const otherOk = (end: FocusEnd): boolean => peers.length === 0 || named(end, peers);
  const out = options.focusDirection !== 'ingress' && named(src, focus) && otherOk(dst);
  const into = options.focusDirection !== 'egress' && named(dst, focus) && otherOk(src);
  return out || into;
}

export function connectivityList(resources: readonly Resource[], options: ListOptions = {}): ConnectivityList {
  const cluster = buildCluster(resources);
  checkFocusNames(cluster.workloads, options);
  if (options.multipleNetworks === true) return multiNetworkList(resources, cluster, options, listCluster);
  return listCluster(resources, cluster, options);
}

/** The connectivity list of one analysed cluster (the whole input, or one network of it). */
function listCluster(resources: readonly Resource[], cluster: Cluster, options: ListOptions): ConnectivityList {
  const analysis = new Analysis(cluster);
  const lines: ListedConnection[] = [];
  const keep = (src: FocusEnd, dst: FocusEnd, conns: ConnectionSet): boolean =>
    inFocus(src, dst, options) && (options.focusConn === undefined || conns.contains(options.focusConn.protocol, options.focusConn.port));
  const endOf = (e: Endpoint): FocusEnd => (e.kind === 'workload' ? { key: e.key, name: e.workload.name, namespace: e.workload.namespace } : { key: e.key, name: undefined, namespace: undefined });
  for (const c of analysis.connections()) {
    if (!keep(endOf(c.src), endOf(c.dst), c.conns)) continue;
    lines.push({
      src: c.src.key,
      dst: c.dst.key,
      conn: c.conns.toString(),
      conns: c.conns,
      ...(c.src.kind === 'ip' ? { srcRange: c.src.range } : {}),
      ...(c.dst.kind === 'ip' ? { dstRange: c.dst.range } : {}),
    });
  }
  const controller = INGRESS_CONTROLLER_END;
  // The ingress controller is a pod of the primary networks: a closed secondary network has none.
  const ingress = cluster.scope?.externals === false ? [] : ingressConnections(resources, analysis).connections;
  for (const c of ingress) {
    if (!keep(controller, endOf(c.dst), c.conns)) continue;
    lines.push({ src: INGRESS_CONTROLLER, dst: c.dst.key, conn: c.conns.toString(), conns: c.conns });
  }
  const focus = options.focusWorkloads ?? [];
  const kept = analysis.workloads.filter((w) => focus.length === 0 || named(endOf(w), focus));
  const workloads = kept.map((w) => w.key);
  const notes = cluster.notes === undefined || cluster.notes.length === 0 ? {} : { notes: cluster.notes };
  if (options.exposure !== true) return { lines, workloads, ...notes };
  const all = exposureAnalysis(analysis, lines);
  const inFocusKeys = new Set(workloads);
  const port = options.focusConn;
  const onPort = (l: ExposureLine): boolean => port === undefined || l.conns.contains(port.protocol, port.port);
  // On one port, a potential peer the entire cluster already reaches on it adds nothing (the
  // line may exist only for ports outside the focus).
  const keptIn = (lines: readonly ExposureLine[]): ExposureLine[] => {
    const clusterWide = new Set(lines.filter((l) => l.other === ENTIRE_CLUSTER && onPort(l)).map((l) => l.workload));
    return lines.filter((l) => inFocusKeys.has(l.workload) && onPort(l) && (port === undefined || l.other === ENTIRE_CLUSTER || l.other.endsWith('[External]') || !clusterWide.has(l.workload)));
  };
  const exposure: Exposure = {
    egress: options.focusDirection === 'ingress' ? [] : keptIn(all.egress),
    ingress: options.focusDirection === 'egress' ? [] : keptIn(all.ingress),
    // Focused on one port, the report lists who may use it, not who is unprotected.
    unprotected: port !== undefined ? [] : all.unprotected.filter((u) => inFocusKeys.has(u.slice(0, u.indexOf(' is not protected on ')))),
  };
  return { lines, workloads, exposure, ...notes };
}
