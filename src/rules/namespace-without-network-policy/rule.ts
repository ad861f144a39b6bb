import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import type { NamespaceRuleOptions } from '../_shared/namespace-scope.js';
import { NAMESPACE_SCOPE_KINDS, namespaceRuleOptions, namespaceSubject } from '../_shared/namespace-scope.js';

/**
 * The namespace's policies of any kind the network analysis enforces: NetworkPolicies and
 * CiliumNetworkPolicies (Cilium enforces both, and many Cilium users write only its own kind).
 */
function hasPolicy(index: RuleContext<NamespaceRuleOptions>['index'], namespace: string): boolean {
  return index.networkPoliciesIn(namespace).length > 0 || index.inNamespace(namespace, 'CiliumNetworkPolicy').some((p) => p.apiVersion.startsWith('cilium.io/'));
}

export const rule = defineRule({
  id: 'namespace-without-network-policy',
  title: 'Namespace without any NetworkPolicy',
  severity: 'medium',
  threats: ['lateral-movement', 'network-security', 'data-exfiltration'],
  mitre: ['T1046'],
  remediation: 'Add NetworkPolicies to the namespace, starting with a default-deny policy, so that its pods accept and open only the connections they need.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    'https://kubernetes.io/docs/concepts/security/security-checklist/#network-security',
  ],
  options: namespaceRuleOptions,
  target: { kinds: NAMESPACE_SCOPE_KINDS },
  *check(resource: Resource, { index, options }: RuleContext<NamespaceRuleOptions>) {
    const subject = namespaceSubject(resource, index, options);
    if (subject === undefined || hasPolicy(index, subject.namespace)) return;
    yield fail(`${subject.label} runs workloads but has no NetworkPolicy: every pod in it accepts connections from, and connects to, anything in the cluster`, subject.path);
  },
});
