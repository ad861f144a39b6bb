/**
 * spec.hostAliases writes entries into the pod's /etc/hosts, which the resolver consults before
 * DNS. A manifest can thereby send a well-known name (an API endpoint, a package mirror, the
 * cloud metadata service) to an address of its choosing, unseen by DNS policy and logging.
 */
import { defineRule, warn } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';

export const rule = defineRule({
  id: 'host-aliases',
  title: 'Pod overrides name resolution with hostAliases',
  severity: 'low',
  threats: ['lateral-movement', 'network-security'],
  mitre: ['T1557', 'T1565'],
  remediation: 'Remove spec.hostAliases and publish the names in DNS (or a Service) where they can be reviewed and audited.',
  references: [
    'https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/',
  ],
  target: 'workload',
  *check({ workload }) {
    for (const [index, value] of asArray(workload.podSpec.hostAliases).entries()) {
      const alias = asRecord(value);
      const ip = asString(alias?.ip) ?? '?';
      const names = asArray(alias?.hostnames).flatMap((h) => (typeof h === 'string' ? [h] : []));
      if (names.length === 0) continue;
      yield warn(`pod pins ${names.map((n) => `"${n}"`).join(', ')} to ${ip} in /etc/hosts, bypassing DNS`, pointer(workload.podSpecPath, 'hostAliases', index));
    }
  },
});
