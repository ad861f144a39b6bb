/**
 * The Services an Ingress sends traffic to, as the ingress controllers read them: the default
 * backend and every path backend, in networking.k8s.io/v1 (`service.name`) and in the removed
 * v1beta1 / extensions form (`serviceName`), which old charts still render. Backends are Services
 * of the Ingress's own namespace; resource backends (`backend.resource`) are not Services.
 */
import type { Resource } from '../../model/resource.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';

function serviceName(backend: unknown): string | undefined {
  const record = asRecord(backend);
  const name = asString(asRecord(record?.service)?.name) ?? asString(record?.serviceName);
  return name === '' ? undefined : name;
}

export function ingressBackendServices(ingress: Resource): ReadonlySet<string> {
  const spec = asRecord(ingress.object.spec);
  const names = new Set<string>();
  const add = (backend: unknown): void => {
    const name = serviceName(backend);
    if (name !== undefined) names.add(name);
  };
  add(spec?.defaultBackend);
  add(spec?.backend);
  for (const rule of asArray(spec?.rules)) {
    for (const path of asArray(asRecord(asRecord(rule)?.http)?.paths)) add(asRecord(path)?.backend);
  }
  return names;
}
