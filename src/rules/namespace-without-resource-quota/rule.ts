import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { asRecord } from '../../lib/k8s/values.js';
import type { NamespaceRuleOptions } from '../_shared/namespace-scope.js';
import { NAMESPACE_SCOPE_KINDS, namespaceRuleOptions, namespaceSubject } from '../_shared/namespace-scope.js';

/** A quota without `hard` limits constrains nothing. */
function hasHardLimits(quota: Resource): boolean {
  return Object.keys(asRecord(asRecord(quota.object.spec)?.hard) ?? {}).length > 0;
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
    if (subject === undefined || index.inNamespace(subject.namespace, 'ResourceQuota').some(hasHardLimits)) return;
    yield fail(`${subject.label} runs workloads but has no ResourceQuota: one compromised or runaway workload can consume the cluster's capacity`, subject.path);
  },
});
