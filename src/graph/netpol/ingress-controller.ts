/**
 * Ingress and Route analysis as netpol-analyzer does it: the (unknown) ingress controller is a pod
 * `{ingress-controller}` in its own namespace; an Ingress or Route whose backend Service selects
 * a workload lets the controller reach the workload's container port behind the service port it
 * names (TCP only), provided the network policies let that pod in.
 */
import type { Resource } from '../../model/resource.js';
import { DEFAULT_NAMESPACE } from '../../lib/k8s/kinds.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import type { Analysis, Endpoint, EndpointClass } from './analysis.js';
import { ConnectionSet } from './connections.js';
import { IntervalSet } from './intervals.js';
import type { Workload } from './model.js';
import { VM_KIND } from './multi-network/virtual-machines.js';

export const INGRESS_CONTROLLER = '{ingress-controller}';
const CONTROLLER_NAMESPACE = 'ingress-controller-ns';

/**
 * The imagined ingress controller, as netpol-analyzer models it: a pod with no labels in a
 * namespace of its own, so only policies that admit every namespace let it in.
 */
export function controllerClass(analysis: Analysis): EndpointClass {
  return analysis.classOfExtra({ namespace: CONTROLLER_NAMESPACE, name: 'ingress-controller', kind: 'Pod', labels: {}, ports: [], hostNetwork: false, resources: [] });
}

/** A port as Kubernetes writes it: a number or a name (`undefined` when absent). */
type PortRef = number | string | undefined;

interface BackendRef {
  readonly service: string;
  readonly port: PortRef;
}

export interface IngressConnection {
  readonly dst: Extract<Endpoint, { kind: 'workload' }>;
  readonly conns: ConnectionSet;
}

export interface IngressResult {
  readonly connections: readonly IngressConnection[];
  /** Workloads an Ingress/Route targets but the policies block from the controller. */
  readonly blocked: readonly string[];
  /** Whether any Ingress or Route targets a selecting Service (the controller takes part). */
  readonly active: boolean;
}

function namespaceOf(r: Resource): string {
  return r.namespace === undefined || r.namespace === '' ? DEFAULT_NAMESPACE : r.namespace;
}

function portRef(value: unknown): PortRef {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return /^\d+$/.test(value) ? Number(value) : value;
  return undefined;
}

function routeBackends(route: Resource): BackendRef[] {
  const spec = asRecord(route.object.spec) ?? {};
  const port = portRef(asRecord(spec.port)?.targetPort);
  const out: BackendRef[] = [];
  for (const target of [asRecord(spec.to), ...asArray(spec.alternateBackends).map(asRecord)]) {
    if (target === undefined) continue;
    const kind = asString(target.kind) ?? '';
    const name = asString(target.name);
    if ((kind === '' || kind === 'Service') && name !== undefined) out.push({ service: name, port });
  }
  return out;
}

function ingressBackends(ingress: Resource): BackendRef[] {
  const spec = asRecord(ingress.object.spec) ?? {};
  const services = [asRecord(asRecord(spec.defaultBackend)?.service)];
  for (const rule of asArray(spec.rules)) {
    for (const path of asArray(asRecord(asRecord(rule)?.http)?.paths)) services.push(asRecord(asRecord(asRecord(path)?.backend)?.service));
  }
  return services.flatMap((svc) => {
    const name = asString(svc?.name);
    if (svc === undefined || name === undefined) return [];
    const port = asRecord(svc.port);
    return [{ service: name, port: asString(port?.name) ?? (typeof port?.number === 'number' ? port.number : undefined) }];
  });
}

interface ServicePort {
  readonly name: string | undefined;
  readonly port: number | undefined;
  readonly targetPort: PortRef;
}

function servicePorts(service: Resource): ServicePort[] {
  return asArray(asRecord(service.object.spec)?.ports).map((raw) => {
    const p = asRecord(raw) ?? {};
    return { name: asString(p.name), port: typeof p.port === 'number' ? p.port : undefined, targetPort: portRef(p.targetPort) };
  });
}

/** The pod ports a backend reaches: the matching service port's targetPort (or port); all of them when the backend names none. */
function podPortsFor(ports: readonly ServicePort[], wanted: PortRef): PortRef[] {
  const access = (p: ServicePort): PortRef => p.targetPort ?? p.port;
  if (wanted === undefined) return ports.map(access);
  const match = ports.find((p) => (p.name !== undefined && p.name === wanted) || p.port === wanted || (p.targetPort !== undefined && p.targetPort === wanted));
  return match === undefined ? [] : [access(match)];
}

function tcpPortsReached(workload: Workload, podPorts: readonly PortRef[]): ConnectionSet {
  let conns = ConnectionSet.none();
  for (const ref of podPorts) {
    let number: number | undefined;
    if (typeof ref === 'string') {
      const named = workload.ports.find((p) => p.name === ref);
      number = named?.protocol === 'TCP' ? named.port : undefined;
    } else number = ref;
    // Only ports the pod declares are reachable (netpol-analyzer's reading of "exposed"); a
    // virtual machine declares no container ports, its guest serves what the Service names.
    if (number !== undefined && (workload.kind === VM_KIND || workload.ports.some((p) => p.port === number))) conns = conns.union(ConnectionSet.of('TCP', IntervalSet.of(number, number)));
  }
  return conns;
}

export function ingressConnections(resources: readonly Resource[], analysis: Analysis): IngressResult {
  const services = new Map<string, Resource>();
  for (const r of resources) {
    // A Service without a selector routes to hand-made endpoints: no workload behind it.
    if (r.kind === 'Service' && asRecord(asRecord(r.object.spec)?.selector) !== undefined) services.set(`${namespaceOf(r)}/${r.name}`, r);
  }
  const wanted = new Map<Extract<Endpoint, { kind: 'workload' }>, ConnectionSet>();
  let active = false;
  for (const r of resources) {
    const backends = r.kind === 'Route' ? routeBackends(r) : r.kind === 'Ingress' && r.apiVersion.startsWith('networking.k8s.io/') ? ingressBackends(r) : undefined;
    if (backends === undefined) continue;
    for (const backend of backends) {
      const service = services.get(`${namespaceOf(r)}/${backend.service}`);
      if (service === undefined) continue;
      const selector = asRecord(asRecord(service.object.spec)?.selector) ?? {};
      const targets = analysis.workloads.filter(
        (w) => w.workload.namespace === namespaceOf(service) && Object.entries(selector).every(([k, v]) => w.workload.labels[k] === String(v)),
      );
      if (targets.length > 0) active = true;
      const podPorts = podPortsFor(servicePorts(service), backend.port);
      for (const target of targets) wanted.set(target, (wanted.get(target) ?? ConnectionSet.none()).union(tcpPortsReached(target.workload, podPorts)));
    }
  }
  if (!active) return { connections: [], blocked: [], active };
  const controller = controllerClass(analysis);
  const connections: IngressConnection[] = [];
  const blocked: string[] = [];
  for (const [dst, ports] of wanted) {
    const conns = ports.intersect(analysis.allowed(controller, dst.cls));
    if (conns.isEmpty()) blocked.push(dst.key);
    else connections.push({ dst, conns });
  }
  return { connections, blocked, active };
}
