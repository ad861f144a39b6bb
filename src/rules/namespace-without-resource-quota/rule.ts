/**
 * A ResourceQuota bounds what a namespace may take from the cluster when it caps compute: CPU
 * (`cpu`, `requests.cpu`, `limits.cpu`) and memory (likewise). A quota that only counts objects
 * (`pods`, `count/secrets`, `services.loadbalancers: 0`, storage) leaves the namespace's CPU and
 * memory unbounded, so it does not count for them.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { asRecord } from '../../lib/k8s/values.js';
import type { NamespaceRuleOptions } from '../_shared/namespace-scope.js';
import { NAMESPACE_SCOPE_KINDS, namespaceRuleOptions, namespaceSubject } from '../_shared/namespace-scope.js';

/** The compute resources a quota must cap, with the spec.hard keys that cap each. */
const COMPUTE: readonly (readonly [string, readonly string[]])[] = [
  ['cpu', ['cpu', 'requests.cpu', 'limits.cpu']],
  ['memory', ['memory', 'requests.memory', 'limits.memory']],
];

function hardKeys(quota: Resource): string[] {
  return Object.keys(asRecord(asRecord(quota.object.spec)?.hard) ?? {});
}

export const rule = defineRule({
  id: 'namespace-without-resource-quota',
  title: 'Namespace without a ResourceQuota',
  severity: 'low',
  threats: ['container-compromise'],
  mitre: ['T1499', 'T1496'],
  remediation: 'Add a ResourceQuota to the namespace that caps its total CPU, memory, pods and other object counts.',
  references: [
    'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
    'https://kubernetes.io/docs/concepts/security/security-checklist/#resource-quotas',
  ],
  options: namespaceRuleOptions,
  target: { kinds: NAMESPACE_SCOPE_KINDS },
  *check(resource: Resource, { index, options }: RuleContext<NamespaceRuleOptions>) {
    const subject = namespaceSubject(resource, index, options);
    if (subject === undefined) return;
    const quotas = index.inNamespace(subject.namespace, 'ResourceQuota');
    const capped = new Set(quotas.flatMap(hardKeys));
    const missing = COMPUTE.filter(([, keys]) => !keys.some((key) => capped.has(key))).map(([name]) => name);
    if (missing.length === 0) return;
    if (quotas.length === 0) {
      yield fail(`${subject.label} runs workloads but has no ResourceQuota: one compromised or runaway workload can consume the cluster's capacity`, subject.path);
      return;
    }
    const names = `${quotas.length === 1 ? 'ResourceQuota' : 'ResourceQuotas'} ${quotas.map((quota) => `"${quota.name}"`).join(', ')}`;
    yield fail(
      `${subject.label} runs workloads but its ${names} ${quotas.length === 1 ? 'caps' : 'cap'} no ${missing.join(' or ')} in spec.hard (only object counts or other resources): one compromised or runaway workload can consume the cluster's capacity`,
      subject.path,
    );
  },
});
