/**
 * An ingress rule without peers admits every source: other pods in every namespace, nodes, and
 * (through NodePorts, LoadBalancers and pod-routable networks) the outside world. Because
 * NetworkPolicies are additive, one such rule re-opens whatever a default-deny policy closed.
 */
import { defineRule, fail, warn } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';
import { policyTypesOf } from '../_shared/network-policy.js';
import { describePolicy, describePorts, wholeSpacePeers } from '../_shared/policy-peers.js';

function isAllNamespacesPeer(peer: Record<string, unknown>): boolean {
  const namespaces = asRecord(peer.namespaceSelector);
  if (namespaces === undefined || peer.ipBlock !== undefined) return false;
  const empty = (selector: Record<string, unknown> | undefined): boolean =>
    selector === undefined || (Object.keys(asRecord(selector.matchLabels) ?? {}).length === 0 && asArray(selector.matchExpressions).length === 0);
  return empty(namespaces) && empty(asRecord(peer.podSelector));
}

export const rule = defineRule({
  id: 'network-policy-allows-all-ingress',
  title: 'NetworkPolicy admits ingress from any source',
  severity: 'medium',
  threats: ['lateral-movement', 'network-security'],
  mitre: ['T1046', 'T1021'],
  remediation: 'List the allowed sources in the ingress rule\'s from field (podSelector, namespaceSelector or a narrow ipBlock) instead of leaving it empty.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic',
  ],
  target: { kinds: ['NetworkPolicy'] },
  *check(policy: Resource) {
    // Ingress rules of a policy whose policyTypes leave out Ingress are ignored by the plugins.
    if (!policyTypesOf(policy).includes('Ingress')) return;
    const who = describePolicy(policy);
    for (const [index, value] of asArray(asRecord(policy.object.spec)?.ingress).entries()) {
      const rule = asRecord(value) ?? {};
      const ports = describePorts(rule);
      const at = pointer('/spec/ingress', index);
      if (asArray(rule.from).length === 0) {
        yield fail(`${who} ingress rule ${String(index)} has no from peers, so it admits every source, in the cluster and outside it, on ${ports}`, at);
        continue;
      }
      for (const peer of wholeSpacePeers(rule, 'from')) {
        const except = peer.except > 0 ? ` (minus ${String(peer.except)} excepted ranges)` : '';
        yield fail(`${who} ingress rule ${String(index)} admits ipBlock ${peer.cidr}${except}: every address on ${ports}`, pointer(at, 'from', peer.index, 'ipBlock', 'cidr'));
      }
      for (const [peerIndex, peer] of asArray(rule.from).entries()) {
        const record = asRecord(peer);
        if (record !== undefined && isAllNamespacesPeer(record)) {
          yield warn(`${who} ingress rule ${String(index)} admits every pod of every namespace (empty namespaceSelector) on ${ports}`, pointer(at, 'from', peerIndex, 'namespaceSelector'));
        }
      }
    }
  },
});
