import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { asArray, asRecord } from '../../lib/k8s/values.js';
import type { NamespaceRuleOptions } from '../_shared/namespace-scope.js';
import { NAMESPACE_SCOPE_KINDS, namespaceRuleOptions, namespaceSubject } from '../_shared/namespace-scope.js';

/** A LimitRange with no limits sets no default and no bound, so it does not count. */
function hasLimits(limitRange: Resource): boolean {
  return asArray(asRecord(limitRange.object.spec)?.limits).some((limit) => asRecord(limit) !== undefined);
}

export const rule = defineRule({
  id: 'namespace-without-limit-range',
  title: 'Namespace without a LimitRange',
  severity: 'low',
  threats: ['container-compromise'],
  mitre: ['T1499', 'T1496'],
  remediation: 'Add a LimitRange to the namespace that sets default CPU and memory requests and limits for containers.',
  references: [
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
    'https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/memory-default-namespace/',
  ],
  options: namespaceRuleOptions,
  target: { kinds: NAMESPACE_SCOPE_KINDS },
  *check(resource: Resource, { index, options }: RuleContext<NamespaceRuleOptions>) {
    const subject = namespaceSubject(resource, index, options);
    if (subject === undefined || index.inNamespace(subject.namespace, 'LimitRange').some(hasLimits)) return;
    yield fail(`${subject.label} runs workloads but has no LimitRange: containers without limits get no default and can exhaust their node`, subject.path);
  },
});
