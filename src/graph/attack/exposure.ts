/**
 * How the internet reaches a workload: a LoadBalancer or NodePort Service, a Service's externalIPs,
 * a hostPort, hostNetwork, or an Ingress/Route through the ingress controller. Except for
 * hostNetwork (the node's own network, which NetworkPolicies do not govern), the connection must
 * also be allowed by the policies from addresses outside the cluster; the ingress controller's
 * case is the netpol engine's own analysis (ingress-controller.ts).
 */
import type { JsonObject } from '../../model/resource.js';
import type { Resource } from '../../model/resource.js';
import type { ResourceIndex } from '../../core/resource-index.js';
import { namespaceOf } from '../../core/resource-index.js';
import { asArray, asRecord, asString, asStringMap } from '../../lib/k8s/values.js';
import type { Analysis } from '../netpol/analysis.js';
import { ConnectionSet } from '../netpol/connections.js';
import { ingressConnections } from '../netpol/ingress-controller.js';
import { IntervalSet } from '../netpol/intervals.js';
import { nestAt } from './escape.js';
import type { WorkloadInfo } from './workloads.js';

export interface ExposureSource {
  /** One sentence fragment, e.g. "Service shop/web (LoadBalancer)". */
  readonly label: string;
  readonly conns: ConnectionSet;
  /** JSON pointer of what opens the way in, inside `object` (for its file and line). */
  readonly path: string;
  /** The object whose change closes this way in. */
  readonly object: Resource;
  readonly fix: { readonly patchType: 'merge' | 'delete'; readonly patch?: JsonObject; readonly description: string };
  /** NetworkPolicies govern this way in. */
  readonly policed: boolean;
  readonly ruleIds: readonly string[];
}

/** The pod ports a workload declares, as connections (every port when it declares none). */
export function declaredPorts(info: WorkloadInfo): ConnectionSet {
  const ports = info.endpoint.workload.ports;
  if (ports.length === 0) return ConnectionSet.all();
  return ports.reduce((acc, p) => acc.union(ConnectionSet.of(p.protocol, IntervalSet.of(p.port, p.port))), ConnectionSet.none());
}

function fromOutside(analysis: Analysis, info: WorkloadInfo): ConnectionSet {
  return analysis.srcRanges.reduce((acc, ip) => acc.union(analysis.allowed(ip, info.endpoint.cls)), ConnectionSet.none());
}

function servicePorts(service: Resource, info: WorkloadInfo): ConnectionSet {
  let conns = ConnectionSet.none();
  for (const raw of asArray(asRecord(service.object.spec)?.ports)) {
    const p = asRecord(raw) ?? {};
    const protocol = asString(p.protocol) ?? 'TCP';
    if (protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') continue;
    const target = p.targetPort ?? p.port;
    const number = typeof target === 'number' ? target : typeof target === 'string' && /^\d+$/.test(target) ? Number(target) : info.endpoint.workload.ports.find((c) => c.name === target)?.port;
    if (number !== undefined) conns = conns.union(ConnectionSet.of(protocol, IntervalSet.of(number, number)));
  }
  return conns;
}

export function exposureSources(info: WorkloadInfo, analysis: Analysis, index: ResourceIndex, ingressReach: ReadonlyMap<string, ConnectionSet>, ingresses: readonly Resource[]): ExposureSource[] {
  const out: ExposureSource[] = [];
  const outside = fromOutside(analysis, info);
  const subject = { resource: info.resource, workload: info.template };
  const services = index.servicesSelecting(subject);
  for (const service of services) {
    const spec = asRecord(service.object.spec) ?? {};
    const type = asString(spec.type) ?? 'ClusterIP';
    const external = asArray(spec.externalIPs).length > 0;
    if (type !== 'LoadBalancer' && type !== 'NodePort' && !external) continue;
    const conns = servicePorts(service, info).intersect(outside);
    if (conns.isEmpty()) continue;
    const how = [type === 'ClusterIP' ? undefined : type, external ? 'externalIPs' : undefined].filter((x) => x !== undefined).join(', ');
    out.push({
      label: `Service ${namespaceOf(service)}/${service.name} (${how})`,
      conns,
      path: type === 'ClusterIP' ? '/spec/externalIPs' : '/spec/type',
      object: service,
      fix: { patchType: 'merge', patch: { spec: internalServiceSpec(spec) }, description: `Make Service ${namespaceOf(service)}/${service.name} internal (type ClusterIP, no externalIPs)` },
      policed: true,
      ruleIds: ['service-exposed', 'external-name-service'],
    });
  }
  const viaIngress = ingressReach.get(info.endpoint.key);
  if (viaIngress !== undefined && !viaIngress.isEmpty()) {
    const names = new Set(services.map((s) => s.name));
    for (const ingress of ingresses) {
      if (namespaceOf(ingress) !== info.namespace || !backendServices(ingress).some((s) => names.has(s))) continue;
      out.push({
        label: `${ingress.kind} ${namespaceOf(ingress)}/${ingress.name} (via the ingress controller)`,
        conns: viaIngress,
        path: '',
        object: ingress,
        fix: { patchType: 'delete', description: `Remove ${ingress.kind} ${namespaceOf(ingress)}/${ingress.name} (or put authentication in front of it)` },
        policed: true,
        ruleIds: ['ingress-without-tls', 'ingress-wildcard-host'],
      });
    }
  }
  const hostPorts = hostPortsOf(info);
  if (!hostPorts.conns.isEmpty() && info.template.podSpec.hostNetwork !== true) {
    const conns = hostPorts.conns.intersect(outside);
    if (!conns.isEmpty() && hostPorts.patch !== undefined) {
      out.push({ label: `hostPort on the node's address`, conns, path: hostPorts.path ?? info.template.podSpecPath, object: info.resource, fix: { patchType: 'merge', patch: hostPorts.patch, description: `Remove the hostPort of ${info.resource.kind} ${info.namespace}/${info.resource.name} (expose it through a Service)` }, policed: true, ruleIds: ['host-port'] });
    }
  }
  if (info.template.podSpec.hostNetwork === true) {
    out.push({
      label: "hostNetwork: the pod listens on the node's address, outside every NetworkPolicy",
      conns: declaredPorts(info),
      path: `${info.template.podSpecPath}/hostNetwork`,
      object: info.resource,
      fix: { patchType: 'merge', patch: nestAt(info.template.podSpecPath, { hostNetwork: false }), description: `Turn off hostNetwork for ${info.resource.kind} ${info.namespace}/${info.resource.name}` },
      policed: false,
      ruleIds: ['host-namespaces'],
    });
  }
  return out;
}

/** Fields the API server accepts only on NodePort, LoadBalancer or externally reachable Services. */
const EXTERNAL_ONLY_FIELDS = ['externalTrafficPolicy', 'healthCheckNodePort', 'loadBalancerIP', 'loadBalancerSourceRanges', 'loadBalancerClass', 'allocateLoadBalancerNodePorts'];

/**
 * The spec patch turning a Service into ClusterIP. The API server refuses a ClusterIP Service that
 * keeps a `nodePort`, an `externalTrafficPolicy` or a load balancer field, so each one the Service
 * sets is removed too (ports by their merge key, `port`); otherwise the patched manifest would
 * not apply.
 */
function internalServiceSpec(spec: Record<string, unknown>): JsonObject {
  const out: JsonObject = { type: 'ClusterIP', externalIPs: null };
  for (const field of EXTERNAL_ONLY_FIELDS) if (spec[field] !== undefined) out[field] = null;
  const ports = asArray(spec.ports).flatMap((raw) => {
    const p = asRecord(raw);
    return p !== undefined && typeof p.port === 'number' && p.nodePort !== undefined ? [{ port: p.port, nodePort: null }] : [];
  });
  if (ports.length > 0) out.ports = ports;
  return out;
}

function hostPortsOf(info: WorkloadInfo): { conns: ConnectionSet; patch: JsonObject | undefined; path?: string } {
  let conns = ConnectionSet.none();
  let first: string | undefined;
  const lists = new Map<string, JsonObject[]>();
  let addressable = true;
  for (const ref of info.template.containers) {
    const ports: JsonObject[] = [];
    asArray(ref.container.ports).forEach((raw, i) => {
      const p = asRecord(raw) ?? {};
      if (typeof p.hostPort !== 'number' || typeof p.containerPort !== 'number') return;
      first ??= `${ref.path}/ports/${String(i)}/hostPort`;
      const protocol = asString(p.protocol) ?? 'TCP';
      if (protocol === 'TCP' || protocol === 'UDP' || protocol === 'SCTP') conns = conns.union(ConnectionSet.of(protocol, IntervalSet.of(p.containerPort, p.containerPort)));
      ports.push({ containerPort: p.containerPort, hostPort: null });
    });
    if (ports.length === 0) continue;
    if (typeof ref.container.name !== 'string') addressable = false;
    else lists.set(ref.kind, [...(lists.get(ref.kind) ?? []), { name: ref.container.name, ports }]);
  }
  const spec: JsonObject = {};
  for (const [kind, list] of lists) spec[kind] = list;
  return { conns, patch: addressable ? nestAt(info.template.podSpecPath, spec) : undefined, ...(first === undefined ? {} : { path: first }) };
}

/** The Services an Ingress or Route sends traffic to. */
export function backendServices(resource: Resource): string[] {
  const spec = asRecord(resource.object.spec) ?? {};
  if (resource.kind === 'Route') {
    return [asRecord(spec.to), ...asArray(spec.alternateBackends).map(asRecord)].flatMap((t) => {
      const name = asString(t?.name);
      return name === undefined ? [] : [name];
    });
  }
  const names = [asString(asRecord(asRecord(spec.defaultBackend)?.service)?.name)];
  for (const rule of asArray(spec.rules)) {
    for (const path of asArray(asRecord(asRecord(rule)?.http)?.paths)) names.push(asString(asRecord(asRecord(asRecord(path)?.backend)?.service)?.name));
  }
  return names.filter((n): n is string => n !== undefined);
}

/** What the ingress controller may reach, by workload key (empty when no Ingress targets a workload). */
export function ingressReach(resources: readonly Resource[], analysis: Analysis): Map<string, ConnectionSet> {
  const result = ingressConnections(resources, analysis);
  return new Map(result.connections.map((c) => [c.dst.key, c.conns]));
}

/** Pod labels usable as a NetworkPolicy podSelector for the workload. */
export function podLabels(info: WorkloadInfo): Record<string, string> {
  return asStringMap(info.template.podMeta.labels);
}
