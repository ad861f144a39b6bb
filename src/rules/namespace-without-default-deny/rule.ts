import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import type { NamespaceRuleOptions } from '../_shared/namespace-scope.js';
import { NAMESPACE_SCOPE_KINDS, namespaceRuleOptions, namespaceSubject } from '../_shared/namespace-scope.js';
import type { PolicyDirection } from '../_shared/network-policy.js';
import { isDefaultDeny } from '../_shared/network-policy.js';
import { isEmptySelector } from '../../lib/k8s/labels.js';
import { scanNetpol } from '../../graph/netpol/findings/index.js';

const DIRECTIONS: readonly PolicyDirection[] = ['Ingress', 'Egress'];

/**
 * A CiliumNetworkPolicy of the namespace that selects every endpoint (`endpointSelector: {}`) and
 * puts it in default deny for the direction, with no rule open to every peer on every port: the
 * Cilium way to write a default deny. Read from the scan's netpol analysis (no analysis when the
 * input's policies are invalid: then only NetworkPolicies count).
 */
function ciliumDefaultDeny(index: RuleContext<NamespaceRuleOptions>['index'], namespace: string, direction: PolicyDirection): boolean {
  const cilium = scanNetpol(index)?.analysis.cluster.cilium ?? [];
  return cilium.some((p) => {
    if (p.namespace !== namespace || p.subjectNamespaces !== undefined || !isEmptySelector(p.podSelector)) return false;
    if (!(direction === 'Ingress' ? p.affectsIngress : p.affectsEgress)) return false;
    return !(direction === 'Ingress' ? p.ingress : p.egress).some((rule) => rule.peers === undefined && rule.ports === undefined);
  });
}

const CONSEQUENCE: Readonly<Record<PolicyDirection, string>> = {
  Ingress: 'accept connections from anywhere',
  Egress: 'can connect anywhere, which is how data leaves and reverse shells call home',
};

export const rule = defineRule({
  id: 'namespace-without-default-deny',
  title: 'Namespace without a default-deny NetworkPolicy',
  severity: 'medium',
  threats: ['lateral-movement', 'data-exfiltration', 'network-security'],
  mitre: ['T1046', 'T1041'],
  remediation: 'Add a NetworkPolicy with an empty podSelector and policyTypes [Ingress, Egress] and no rules to the namespace, then allow the required traffic with further policies.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
    'https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/',
  ],
  options: namespaceRuleOptions,
  target: { kinds: NAMESPACE_SCOPE_KINDS },
  *check(resource: Resource, { index, options }: RuleContext<NamespaceRuleOptions>) {
    const subject = namespaceSubject(resource, index, options);
    if (subject === undefined) return;
    const policies = index.networkPoliciesIn(subject.namespace);
    const missing = DIRECTIONS.filter((direction) => !policies.some((policy) => isDefaultDeny(policy, direction)) && !ciliumDefaultDeny(index, subject.namespace, direction));
    if (missing.length === 0) return;
    yield fail(
      `${subject.label} has no default-deny NetworkPolicy for ${missing.join(' or ')}: pods that no other policy selects ${missing.map((d) => CONSEQUENCE[d]).join(' and ')}`,
      subject.path,
    );
  },
});
