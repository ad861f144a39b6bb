/**
 * A wildcard Ingress host (`*.example.com`) routes every subdomain without its own rule to this
 * backend. Names nobody reviewed (forgotten, typo or attacker-chosen subdomains) then reach the
 * service, and with a shared controller a tenant can capture traffic meant for hosts it does not
 * own until someone publishes a more specific rule.
 */
import { defineRule, warn } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

export const rule = defineRule({
  id: 'ingress-wildcard-host',
  title: 'Ingress routes a wildcard host',
  severity: 'low',
  threats: ['network-security', 'lateral-movement'],
  mitre: ['T1557', 'T1190'],
  remediation: 'List each hostname the service answers for explicitly instead of a wildcard host.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards',
  ],
  target: { kinds: ['Ingress'] },
  *check(ingress: Resource) {
    const name = `Ingress "${ingress.namespace ?? 'default'}/${ingress.name}"`;
    for (const [index, value] of asArray(asRecord(ingress.object.spec)?.rules).entries()) {
      const host = asString(asRecord(value)?.host);
      if (host?.startsWith('*') !== true) continue;
      yield warn(`${name} routes every subdomain matching "${host}" to its backends`, pointer('/spec/rules', index, 'host'));
    }
  },
});
