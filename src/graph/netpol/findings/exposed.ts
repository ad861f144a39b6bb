/**
 * Workloads the internet can reach, and how: behind a LoadBalancer or NodePort Service or one with
 * externalIPs (and the policies admit some external address), behind an Ingress or Route (and the
 * policies admit the ingress controller, exactly as `netpol list` computes it), or publishing a
 * hostPort (node ports bypass NetworkPolicies with the common plugins).
 */
import type { Resource } from '../../../model/resource.js';
import { DEFAULT_NAMESPACE } from '../../../lib/k8s/kinds.js';
import { asArray, asRecord, asString, asStringMap } from '../../../lib/k8s/values.js';
import { workloadOf } from '../../../lib/k8s/workload.js';
import type { Analysis } from '../analysis.js';
import { ConnectionSet } from '../connections.js';
import { ingressConnections } from '../ingress-controller.js';
import type { WorkloadEndpoint } from './scan-analysis.js';

export interface ExposedWorkload {
  readonly endpoint: WorkloadEndpoint;
  /** How the outside gets in ("LoadBalancer Service shop/web"). */
  readonly how: string;
}

function namespaceOf(r: Resource): string {
  return r.namespace === undefined || r.namespace === '' ? DEFAULT_NAMESPACE : r.namespace;
}

/** How a Service publishes its pods outside the cluster, if it does. */
function outsideExposure(service: Resource): string | undefined {
  const spec = asRecord(service.object.spec) ?? {};
  const type = asString(spec.type) ?? 'ClusterIP';
  if (type === 'LoadBalancer' || type === 'NodePort') return `${type} Service ${namespaceOf(service)}/${service.name}`;
  if (asArray(spec.externalIPs).length > 0) return `Service ${namespaceOf(service)}/${service.name} with externalIPs`;
  return undefined;
}

function hostPortOf(endpoint: WorkloadEndpoint): number | undefined {
  const resource = endpoint.workload.resources[0];
  if (resource === undefined) return undefined;
  for (const ref of workloadOf(resource.kind, resource.object)?.containers ?? []) {
    for (const raw of asArray(ref.container.ports)) {
      const hostPort = asRecord(raw)?.hostPort;
      if (typeof hostPort === 'number' && hostPort > 0) return hostPort;
    }
  }
  return undefined;
}

/** Every internet-exposed workload of the analysis, each once (the first way in found). */
export function exposedWorkloads(analysis: Analysis, resources: readonly Resource[]): ExposedWorkload[] {
  const found = new Map<WorkloadEndpoint, string>();
  const byNamespace = new Map<string, WorkloadEndpoint[]>();
  for (const w of analysis.workloads) {
    const list = byNamespace.get(w.workload.namespace);
    if (list === undefined) byNamespace.set(w.workload.namespace, [w]);
    else list.push(w);
  }
  const fromOutside = new Map<string, boolean>();
  const admitsOutside = (w: WorkloadEndpoint): boolean => {
    const key = `${w.cls.ingressSig}|${w.cls.portsId}`;
    let admits = fromOutside.get(key);
    if (admits === undefined) {
      admits = analysis.srcRanges.some((range) => !analysis.allowed(range, w.cls).isEmpty());
      fromOutside.set(key, admits);
    }
    return admits;
  };
  for (const service of resources) {
    if (service.kind !== 'Service') continue;
    const how = outsideExposure(service);
    const selector = asStringMap(asRecord(service.object.spec)?.selector);
    if (how === undefined || Object.keys(selector).length === 0) continue;
    for (const w of byNamespace.get(namespaceOf(service)) ?? []) {
      if (found.has(w) || !Object.entries(selector).every(([k, v]) => w.workload.labels[k] === v)) continue;
      if (admitsOutside(w)) found.set(w, how);
    }
  }
  for (const c of ingressConnections(resources, analysis).connections) {
    if (!found.has(c.dst) && !c.conns.equals(ConnectionSet.none())) found.set(c.dst, 'an Ingress or Route');
  }
  for (const w of analysis.workloads) {
    const port = found.has(w) ? undefined : hostPortOf(w);
    if (port !== undefined) found.set(w, `hostPort ${port}`);
  }
  return [...found].map(([endpoint, how]) => ({ endpoint, how }));
}
