/**
 * The connections an application needs, read from its manifests: a workload whose env names a
 * Service (see env-references.ts) needs to reach the pods that Service selects, on the Service's
 * target port (a named target port resolved against each selected pod's container ports).
 * LoadBalancer and NodePort Services open their target ports to the outside.
 */
import type { Resource } from '../../../model/resource.js';
import { DEFAULT_NAMESPACE } from '../../../lib/k8s/kinds.js';
import { mapSelectorMatches } from '../../../lib/k8s/labels.js';
import { asArray, asRecord, asString, asStringMap } from '../../../lib/k8s/values.js';
import { workloadOf } from '../../../lib/k8s/workload.js';
import { isProtocol, type Protocol } from '../connections.js';
import type { Workload } from '../model.js';
import { referencesIn, referencesInName, type ServiceReference } from './env-references.js';
import { warningAt, type Exposure, type GenerateWarning, type Need } from './needs.js';

interface ServicePort {
  readonly port: number;
  readonly protocol: Protocol;
  /** A number, a container port name, or undefined (then the port itself). */
  readonly targetPort: number | string | undefined;
}

interface Service {
  readonly namespace: string;
  readonly name: string;
  readonly selector: Record<string, string>;
  readonly ports: readonly ServicePort[];
  /** LoadBalancer and NodePort Services take traffic from outside the cluster. */
  readonly external: boolean;
  readonly resource: Resource;
}

function namespaceOf(r: Resource): string {
  return r.namespace === undefined || r.namespace === '' ? DEFAULT_NAMESPACE : r.namespace;
}

function readServices(resources: readonly Resource[]): Map<string, Service> {
  const out = new Map<string, Service>();
  for (const r of resources) {
    if (r.kind !== 'Service' || r.apiVersion !== 'v1') continue;
    const spec = asRecord(r.object.spec) ?? {};
    const ports: ServicePort[] = [];
    for (const raw of asArray(spec.ports)) {
      const p = asRecord(raw) ?? {};
      const protocol = asString(p.protocol) ?? 'TCP';
      if (typeof p.port !== 'number' || !isProtocol(protocol)) continue;
      const target = p.targetPort;
      ports.push({ port: p.port, protocol, targetPort: typeof target === 'number' || typeof target === 'string' ? target : undefined });
    }
    const type = asString(spec.type) ?? 'ClusterIP';
    const external = type === 'LoadBalancer' || type === 'NodePort';
    out.set(`${namespaceOf(r)}/${r.name}`, { namespace: namespaceOf(r), name: r.name, selector: asStringMap(spec.selector), ports, external, resource: r });
  }
  return out;
}

/** The pods a Service sends to: same namespace, every selector label present (no selector: none, endpoints are managed by hand). */
function backends(service: Service, workloads: readonly Workload[]): Workload[] {
  if (Object.keys(service.selector).length === 0) return [];
  return workloads.filter((w) => w.namespace === service.namespace && mapSelectorMatches(service.selector, w.labels));
}

/** The container port a Service port reaches on one backend, or undefined when a named target port resolves to nothing. */
function targetOn(port: ServicePort, backend: Workload): number | undefined {
  const target = port.targetPort;
  if (target === undefined) return port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  return backend.ports.find((p) => p.name === target && p.protocol === port.protocol)?.port;
}

interface EnvRef {
  readonly reference: ServiceReference;
  readonly variable: string;
  readonly resource: Resource;
  readonly path: string;
}

function envReferences(resource: Resource): EnvRef[] {
  const workload = workloadOf(resource.kind, resource.object);
  if (workload === undefined) return [];
  const out: EnvRef[] = [];
  for (const c of workload.containers) {
    asArray(asRecord(c.container)?.env).forEach((raw, index) => {
      const env = asRecord(raw) ?? {};
      const variable = asString(env.name) ?? '';
      const value = asString(env.value) ?? '';
      const path = `${c.path}/env/${String(index)}`;
      for (const reference of [...referencesInName(variable), ...referencesIn(value)]) out.push({ reference, variable, resource, path });
    });
  }
  return out;
}

/** The target ports of LoadBalancer and NodePort Services: the application's entry points. */
function exposuresOf(services: Iterable<Service>, workloads: readonly Workload[], warnings: GenerateWarning[]): Exposure[] {
  const out: Exposure[] = [];
  for (const service of services) {
    if (!service.external) continue;
    for (const dst of backends(service, workloads)) {
      for (const port of service.ports) {
        const target = targetOn(port, dst);
        if (target === undefined) {
          warnings.push(warningAt(service.resource, '/spec/ports', `target port "${String(port.targetPort)}" of Service ${service.namespace}/${service.name} names no ${port.protocol} container port of ${dst.namespace}/${dst.name}`));
          continue;
        }
        out.push({ dst, port: target, protocol: port.protocol, reason: `Service ${service.namespace}/${service.name} is exposed outside the cluster` });
      }
    }
  }
  return out;
}

export function needsFromManifests(resources: readonly Resource[], workloads: readonly Workload[]): { needs: Need[]; exposures: Exposure[]; warnings: GenerateWarning[] } {
  const services = readServices(resources);
  const needs: Need[] = [];
  const warnings: GenerateWarning[] = [];
  const exposures = exposuresOf(services.values(), workloads, warnings);
  for (const src of workloads) {
    for (const resource of src.resources) {
      for (const ref of envReferences(resource)) {
        const service = services.get(`${ref.reference.namespace ?? src.namespace}/${ref.reference.name}`);
        if (service === undefined) continue;
        const ports = service.ports.filter((p) => ref.reference.port === undefined || p.port === ref.reference.port);
        if (ports.length === 0) {
          warnings.push(warningAt(ref.resource, ref.path, `env ${ref.variable} of ${src.namespace}/${src.name} names port ${String(ref.reference.port)} of Service ${service.namespace}/${service.name}, which has no such port`));
          continue;
        }
        const dsts = backends(service, workloads);
        if (dsts.length === 0) warnings.push(warningAt(ref.resource, ref.path, `Service ${service.namespace}/${service.name} (named by env ${ref.variable} of ${src.namespace}/${src.name}) selects no workload`));
        for (const dst of dsts) {
          for (const port of ports) {
            const target = targetOn(port, dst);
            if (target === undefined) {
              warnings.push(warningAt(service.resource, '/spec/ports', `target port "${String(port.targetPort)}" of Service ${service.namespace}/${service.name} names no ${port.protocol} container port of ${dst.namespace}/${dst.name}`));
              continue;
            }
            needs.push({ src, dst, port: target, protocol: port.protocol, reason: `env ${ref.variable} of ${src.namespace}/${src.name} -> Service ${service.namespace}/${service.name}:${String(port.port)}` });
          }
        }
      }
    }
  }
  return { needs, exposures, warnings };
}
