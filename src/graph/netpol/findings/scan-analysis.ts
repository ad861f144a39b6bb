/**
 * One netpol analysis per scan, shared by every network rule: the cluster model and its endpoint
 * classes are built once and memoised on the scan's ResourceIndex (a WeakMap, so it goes with the
 * index), and so is every derived result a rule asks for through `memo`. An invalid NetworkPolicy
 * is left out, as the API server would never have stored it, and kept in `refused` for the scan
 * to report: one bad policy no longer silences every network rule and the attack graph. Input the
 * analysis cannot represent otherwise (pods of one owner that policies tell apart) yields no
 * analysis: the network rules then say nothing, and `palisade netpol` reports the problem.
 */
import type { ResourceIndex } from '../../../core/resource-index.js';
import type { Resource } from '../../../model/resource.js';
import { Analysis, type Endpoint } from '../analysis.js';
import { buildCluster } from '../cluster.js';
import { NetpolError } from '../errors.js';
import type { NetworkPolicy } from '../model.js';

export type WorkloadEndpoint = Extract<Endpoint, { kind: 'workload' }>;

export class ScanNetpol {
  readonly analysis: Analysis;
  private readonly endpoints = new Map<Resource, WorkloadEndpoint>();
  private readonly policies = new Map<Resource, NetworkPolicy>();
  private readonly derived = new Map<string, unknown>();
  /** The NetworkPolicies left out of the analysis, with why the API server would refuse each. */
  readonly refused: readonly NetpolError[];

  constructor(analysis: Analysis, refused: readonly NetpolError[] = []) {
    this.analysis = analysis;
    this.refused = refused;
    for (const endpoint of analysis.workloads) for (const resource of endpoint.workload.resources) this.endpoints.set(resource, endpoint);
    for (const policy of analysis.cluster.policies) this.policies.set(policy.resource, policy);
  }

  /** The endpoint a workload object (or an owned Pod) stands in; undefined for kinds the analysis leaves out. */
  endpointOf(resource: Resource): WorkloadEndpoint | undefined {
    return this.endpoints.get(resource);
  }

  /** The parsed NetworkPolicy of a resource (only networking.k8s.io ones are analysed). */
  policyOf(resource: Resource): NetworkPolicy | undefined {
    return this.policies.get(resource);
  }

  /** A derived result computed once per scan, whichever rule asks first. */
  memo<T>(key: string, compute: () => T): T {
    if (this.derived.has(key)) return this.derived.get(key) as T;
    const value = compute();
    this.derived.set(key, value);
    return value;
  }
}

const scans = new WeakMap<ResourceIndex, ScanNetpol | undefined>();

/** The shared analysis of the scan, or undefined when the input's policies are invalid. */
export function scanNetpol(index: ResourceIndex): ScanNetpol | undefined {
  if (scans.has(index)) return scans.get(index);
  let scan: ScanNetpol | undefined;
  try {
    const refused: NetpolError[] = [];
    scan = new ScanNetpol(new Analysis(buildCluster(index.resources, refused)), refused);
  } catch (error) {
    if (!(error instanceof NetpolError)) throw error;
    scan = undefined;
  }
  scans.set(index, scan);
  return scan;
}

/** The scan's analysis if something already asked for it (nothing is built). */
export function builtScanNetpol(index: ResourceIndex): ScanNetpol | undefined {
  return scans.get(index);
}
