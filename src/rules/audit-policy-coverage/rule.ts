/**
 * The audit policy (audit.k8s.io Policy, given to kube-apiserver with --audit-policy-file) decides
 * what the audit log keeps. Two ways it fails incident response: events that matter (exec into
 * pods, Secret reads, RBAC changes, token issuance) dropped at level None, and credentials written
 * into the log because Secrets or token requests are logged with their bodies.
 */
import { defineRule, fail } from '../../core/rule.js';
import { asArray } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';
import type { Probe } from './audit-rules.js';
import { describeProbe, levelRank, possibleLevels } from './audit-rules.js';

/** Requests CIS 3.2.2 and the Kubernetes auditing guidance expect in the log. */
const MUST_AUDIT: readonly Probe[] = [
  { verb: 'create', group: '', resource: 'pods', subresource: 'exec' },
  { verb: 'create', group: '', resource: 'pods', subresource: 'attach' },
  { verb: 'create', group: '', resource: 'pods', subresource: 'portforward' },
  { verb: 'get', group: '', resource: 'secrets' },
  { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' },
  { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
  { verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token' },
];

/** Requests whose bodies (Request) or responses (RequestResponse) carry credentials. */
const LEAKS: readonly { probe: Probe; from: 'Request' | 'RequestResponse'; what: string }[] = [
  { probe: { verb: 'get', group: '', resource: 'secrets' }, from: 'RequestResponse', what: 'Secret values' },
  { probe: { verb: 'list', group: '', resource: 'secrets' }, from: 'RequestResponse', what: 'Secret values' },
  { probe: { verb: 'create', group: '', resource: 'secrets' }, from: 'Request', what: 'Secret values' },
  { probe: { verb: 'update', group: '', resource: 'secrets' }, from: 'Request', what: 'Secret values' },
  { probe: { verb: 'patch', group: '', resource: 'secrets' }, from: 'Request', what: 'Secret values' },
  { probe: { verb: 'create', group: 'authentication.k8s.io', resource: 'tokenreviews' }, from: 'Request', what: 'the bearer tokens being reviewed' },
  { probe: { verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token' }, from: 'RequestResponse', what: 'the issued service account tokens' },
];

export const rule = defineRule({
  id: 'audit-policy-coverage',
  title: 'Audit policy misses key events or logs credentials',
  severity: 'medium',
  threats: ['monitoring-logging', 'incident-response', 'data-exfiltration'],
  mitre: ['T1562.008', 'T1552.007'],
  remediation: 'Log pods/exec, attach, portforward, Secret access, RBAC bindings and token requests at Metadata level, and never log Secrets, TokenReviews or TokenRequests at Request or RequestResponse level.',
  references: [
    'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy',
    'https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/#audit-k8s-io-v1-Policy',
  ],
  target: { kinds: ['Policy'] },
  *check(policy: Resource) {
    // Other APIs (Kyverno, ...) also have a kind named Policy.
    if (!policy.apiVersion.startsWith('audit.k8s.io/')) return;
    const rules = asArray(policy.object.rules);
    const name = `audit Policy "${policy.name}"`;
    for (const probe of MUST_AUDIT) {
      const levels = possibleLevels(rules, probe);
      // The last level is the one every remaining request gets: auditing an event for one user or
      // namespace does not audit it for the attacker.
      const last = levels.at(-1);
      if (last === undefined || last.level !== 'None') continue;
      const why = levels.some((l) => l.level !== 'None')
        ? `audits ${describeProbe(probe)} only for some users, groups, namespaces or names: the others are logged at level None`
        : `does not audit ${describeProbe(probe)}: every rule that applies logs it at level None`;
      yield fail(`${name} ${why}`, last.path);
    }
    const reported = new Set<string>();
    for (const leak of LEAKS) {
      for (const possible of possibleLevels(rules, leak.probe)) {
        if (levelRank(possible.level) < levelRank(leak.from) || reported.has(possible.path + leak.what)) continue;
        reported.add(possible.path + leak.what);
        yield fail(`${name} logs ${describeProbe(leak.probe)} at level ${possible.level}: ${leak.what} are written to the audit log`, possible.path, 'high');
      }
    }
  },
});
