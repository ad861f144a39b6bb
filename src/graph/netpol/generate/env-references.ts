/**
 * Service references in container env values: `http://api.shop.svc:8080/x`, `api:8080`,
 * `api.shop:8080`, `api.shop.svc.cluster.local`, a StatefulSet pod's name under its headless
 * Service (`db-0.db.shop.svc.cluster.local`), and the `API_SERVICE_HOST` variables Kubernetes
 * injects for Services of the pod's own namespace. Only names that are Services in the manifests
 * count, so a value such as `true` or `info:3` never invents a connection.
 */

export interface ServiceReference {
  readonly name: string;
  /** Undefined: the referring pod's own namespace. */
  readonly namespace: string | undefined;
  /** Undefined: every port of the Service (no port was written). */
  readonly port: number | undefined;
}

/** Values longer than this are not scanned (certificates, scripts): bounded work on hostile input. */
const MAX_VALUE_LENGTH = 4096;

// host[:port], optionally after a scheme, delimited by start/end or characters that cannot be in a host.
const HOST_PORT = /(?:([a-z][a-z0-9+.-]*):\/\/)?(?<![a-z0-9.-])([a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*)(?::(\d{1,5}))?(?![a-z0-9.-])/g;
const SERVICE_HOST_VARIABLE = /\b([A-Z][A-Z0-9_]*)_SERVICE_HOST\b/g;

/** The service name and namespace a host names, or undefined when it is not a cluster-internal Service name. */
function serviceOfHost(host: string): { name: string; namespace: string | undefined } | undefined {
  const parts = host.split('.');
  const [name, namespace, ...rest] = parts;
  if (name === undefined) return undefined;
  if (namespace === undefined) return { name, namespace: undefined };
  const suffix = rest.join('.');
  if (suffix === '' || suffix === 'svc' || suffix === 'svc.cluster.local') return { name, namespace };
  // A StatefulSet pod's own name under its headless Service, `pod.service.namespace.svc[.cluster.local]`:
  // how its replicas address each other.
  const [service, podNamespace, ...podRest] = rest.length > 0 ? [namespace, ...rest] : [];
  const podSuffix = podRest.join('.');
  if (service !== undefined && podNamespace !== undefined && (podSuffix === 'svc' || podSuffix === 'svc.cluster.local')) return { name: service, namespace: podNamespace };
  return undefined;
}

export function referencesIn(value: string): ServiceReference[] {
  if (value.length > MAX_VALUE_LENGTH) return [];
  const out: ServiceReference[] = [];
  for (const match of value.matchAll(HOST_PORT)) {
    const scheme = match[1];
    const host = match[2] ?? '';
    const portText = match[3];
    const service = serviceOfHost(host);
    if (service === undefined) continue;
    const port = portText === undefined ? undefined : Number(portText);
    if (port !== undefined && (port < 1 || port > 65535)) continue;
    // A bare word is a reference only with a port or a scheme (`api:8080`, `http://api`), or as a cluster DNS name.
    if (port === undefined && scheme === undefined && !host.includes('.svc')) continue;
    out.push({ ...service, port });
  }
  for (const match of value.matchAll(SERVICE_HOST_VARIABLE)) {
    out.push({ name: (match[1] ?? '').toLowerCase().replace(/_/g, '-'), namespace: undefined, port: undefined });
  }
  return out;
}

/** References an env variable makes by its name alone: `API_SERVICE_HOST` set to override discovery still names Service `api`. */
export function referencesInName(name: string): ServiceReference[] {
  const match = /^([A-Z][A-Z0-9_]*)_SERVICE_HOST$/.exec(name);
  return match === null ? [] : [{ name: (match[1] ?? '').toLowerCase().replace(/_/g, '-'), namespace: undefined, port: undefined }];
}
