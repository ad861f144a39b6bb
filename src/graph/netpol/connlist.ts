/** The connectivity list: analysis plus the options netpol-analyzer's `list` command offers. */
import type { Resource } from '../../model/resource.js';
import { Analysis } from './analysis.js';
import { buildCluster } from './cluster.js';
import type { ConnLine } from './format.js';
import type { ConnectionSet } from './connections.js';
import type { IntervalSet } from './intervals.js';
import { INGRESS_CONTROLLER, ingressConnections } from './ingress-controller.js';

export interface ListOptions {
  /** Keep only connections with one of these workloads (`name` or `namespace/name`) at an end. */
  readonly focusWorkloads?: readonly string[];
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
}

export function connectivityList(resources: readonly Resource[], options: ListOptions = {}): ConnectivityList {
  const analysis = new Analysis(buildCluster(resources));
  const focus = options.focusWorkloads ?? [];
  const inFocus = (key: string, name: string | undefined, namespace: string | undefined): boolean =>
    focus.length === 0 || (name !== undefined && (focus.includes(name) || focus.includes(`${namespace ?? ''}/${name}`))) || focus.includes(key);
  const lines: ListedConnection[] = [];
  for (const c of analysis.connections()) {
    const srcName = c.src.kind === 'workload' ? c.src.workload : undefined;
    const dstName = c.dst.kind === 'workload' ? c.dst.workload : undefined;
    if (!inFocus(c.src.key, srcName?.name, srcName?.namespace) && !inFocus(c.dst.key, dstName?.name, dstName?.namespace)) continue;
    lines.push({
      src: c.src.key,
      dst: c.dst.key,
      conn: c.conns.toString(),
      conns: c.conns,
      ...(c.src.kind === 'ip' ? { srcRange: c.src.range } : {}),
      ...(c.dst.kind === 'ip' ? { dstRange: c.dst.range } : {}),
    });
  }
  for (const c of ingressConnections(resources, analysis).connections) {
    if (!inFocus(INGRESS_CONTROLLER, 'ingress-controller', undefined) && !inFocus(c.dst.key, c.dst.workload.name, c.dst.workload.namespace)) continue;
    lines.push({ src: INGRESS_CONTROLLER, dst: c.dst.key, conn: c.conns.toString(), conns: c.conns });
  }
  const workloads = analysis.workloads.filter((w) => inFocus(w.key, w.workload.name, w.workload.namespace)).map((w) => w.key);
  return { lines, workloads };
}
