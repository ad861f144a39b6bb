/**
 * Ingresses that serve plain HTTP: no `tls` section, or hosts that no `tls` entry covers.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

interface TlsEntry {
  /** Absent hosts: the entry applies to the controller's default (wildcard) host. */
  readonly hosts: readonly string[] | undefined;
}

function tlsEntries(spec: Record<string, unknown>): TlsEntry[] {
  return asArray(spec.tls).flatMap((value) => {
    const entry = asRecord(value);
    if (entry === undefined) return [];
    const hosts = asArray(entry.hosts).flatMap((h) => (typeof h === 'string' ? [h.toLowerCase()] : []));
    return [{ hosts: hosts.length === 0 ? undefined : hosts }];
  });
}

/**
 * Whether a TLS host names a rule host: exactly, or as a wildcard `*.example.com` that matches one
 * DNS label in its place (as the Ingress spec and X.509 name matching both define it).
 */
function covers(tlsHost: string, ruleHost: string): boolean {
  if (tlsHost === ruleHost) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const suffix = tlsHost.slice(1);
  const label = ruleHost.slice(0, ruleHost.length - suffix.length);
  return ruleHost.endsWith(suffix) && label !== '' && !label.includes('.') && label !== '*';
}

export const rule = defineRule({
  id: 'ingress-without-tls',
  title: 'Ingress serves plain HTTP',
  severity: 'medium',
  threats: ['data-exfiltration', 'network-security'],
  mitre: ['T1557', 'T1040'],
  remediation: 'Add a spec.tls entry with a certificate Secret that lists every host of the Ingress rules.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
    'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/',
  ],
  target: { kinds: ['Ingress'] },
  *check(ingress: Resource) {
    const spec = asRecord(ingress.object.spec) ?? {};
    const name = `Ingress "${ingress.namespace ?? 'default'}/${ingress.name}"`;
    const tls = tlsEntries(spec);
    if (tls.length === 0) {
      yield fail(`${name} has no tls section: its traffic, credentials and cookies included, crosses the network in clear text`, '/spec');
      return;
    }
    if (tls.some((entry) => entry.hosts === undefined)) return;
    const tlsHosts = tls.flatMap((entry) => entry.hosts ?? []);
    // The default backend (`backend` before networking.k8s.io/v1) answers every host no rule names.
    const defaultBackend = asRecord(spec.defaultBackend) !== undefined ? 'defaultBackend' : asRecord(spec.backend) !== undefined ? 'backend' : undefined;
    if (defaultBackend !== undefined) {
      yield fail(`${name} has a default backend, and its tls entries cover only ${tlsHosts.join(', ')}: requests for other hosts reach it over plain HTTP`, pointer('/spec', defaultBackend));
    }
    const rules = asArray(spec.rules);
    for (const [index, value] of rules.entries()) {
      const host = asString(asRecord(value)?.host)?.toLowerCase();
      // A rule without host matches every host; TLS entries naming hosts do not cover it.
      if (host === undefined || host === '') {
        yield fail(`${name} rule ${index} has no host, and its tls entries cover only ${tlsHosts.join(', ')}: requests for other hosts are served over plain HTTP`, pointer('/spec/rules', index));
        continue;
      }
      if (!tlsHosts.some((t) => covers(t, host))) {
        yield fail(`${name} serves host "${host}" without TLS: no tls entry lists it`, pointer('/spec/rules', index, 'host'));
      }
    }
  },
});
