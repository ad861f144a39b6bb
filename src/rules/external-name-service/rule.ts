/**
 * An ExternalName Service turns its in-cluster DNS name into a CNAME for any host. Clients that
 * trust `name.namespace.svc` are sent there, and ingress controllers and gateways that proxy to
 * Services proxy to that host: a path to cloud metadata, to the API server, or to another
 * namespace's Services from behind the controller's network position.
 */
import { defineRule, fail, warn } from '../../core/rule.js';
import { asRecord, asString } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

/** Names that reach instance metadata (credentials) on the major clouds. */
const METADATA_HOSTS: ReadonlySet<string> = new Set(['metadata', 'metadata.google.internal', 'instance-data', 'instance-data.ec2.internal', 'metadata.azure.internal']);

function dangerousTarget(host: string): string | undefined {
  if (METADATA_HOSTS.has(host)) return 'the cloud instance metadata service, which hands out node credentials';
  if (host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1') return 'the loopback address of whatever proxies to it (the ingress controller or gateway itself)';
  if (/^169\.254\.\d+\.\d+$/.test(host) || host.startsWith('fe80:') || host === 'fd00:ec2::254') return 'a link-local address (cloud metadata lives there)';
  if (host === 'kubernetes.default' || host.startsWith('kubernetes.default.svc')) return 'the Kubernetes API server';
  if (/\.svc(\.|$)/.test(host)) return 'a Service of the cluster, possibly in another namespace';
  return undefined;
}

export const rule = defineRule({
  id: 'external-name-service',
  title: 'ExternalName Service redirects in-cluster clients',
  severity: 'low',
  threats: ['lateral-movement', 'network-security', 'data-exfiltration'],
  mitre: ['T1557', 'T1552.005'],
  remediation: 'Replace the ExternalName Service with a ClusterIP Service and explicit endpoints, or call the external host by its own name.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#externalname',
  ],
  target: { kinds: ['Service'] },
  *check(service: Resource) {
    const spec = asRecord(service.object.spec);
    if (asString(spec?.type) !== 'ExternalName') return;
    const host = (asString(spec?.externalName) ?? '').trim().toLowerCase().replace(/\.$/, '');
    const name = `Service "${service.namespace ?? 'default'}/${service.name}"`;
    const danger = dangerousTarget(host);
    if (danger !== undefined) {
      yield fail(`${name} is an ExternalName alias for "${host}": ${danger}`, '/spec/externalName', 'high');
      return;
    }
    yield warn(`${name} is an ExternalName alias for "${host}": in-cluster clients and proxies that trust the Service name are sent to that host`, '/spec/externalName');
  },
});
