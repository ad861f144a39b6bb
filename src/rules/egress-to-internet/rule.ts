/**
 * An egress rule without peers, or with a /0 ipBlock, lets the selected pods open connections to
 * any address: the channel for exfiltration, command and control, and pulling second-stage
 * tooling after a compromise. Rules that open only DNS are the common, accepted exception.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';
import { policyTypesOf } from '../_shared/network-policy.js';
import { describePolicy, describePorts, wholeSpacePeers } from '../_shared/policy-peers.js';

/** Whether every port of the rule is DNS (53 over UDP or TCP). */
function onlyDns(rule: Record<string, unknown>): boolean {
  const ports = asArray(rule.ports);
  return ports.length > 0 && ports.every((value) => {
    const port = asRecord(value);
    return (port?.port === 53 || port?.port === '53' || port?.port === 'dns' || port?.port === 'dns-tcp') && port.endPort === undefined;
  });
}

export const rule = defineRule({
  id: 'egress-to-internet',
  title: 'NetworkPolicy allows egress to any address',
  severity: 'medium',
  threats: ['data-exfiltration', 'network-security'],
  mitre: ['T1041', 'T1105'],
  remediation: 'Restrict the egress rule to the destinations the pods need (pod or namespace selectors, or narrow ipBlocks) and their ports.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ],
  target: { kinds: ['NetworkPolicy'] },
  *check(policy: Resource) {
    if (!policyTypesOf(policy).includes('Egress')) return;
    const who = describePolicy(policy);
    for (const [index, value] of asArray(asRecord(policy.object.spec)?.egress).entries()) {
      const rule = asRecord(value) ?? {};
      if (onlyDns(rule)) continue;
      const ports = describePorts(rule);
      // Opening a few ports to everywhere is narrower than opening everything: lower severity.
      const severity = asArray(rule.ports).length === 0 ? undefined : 'low';
      const at = pointer('/spec/egress', index);
      if (asArray(rule.to).length === 0) {
        yield fail(`${who} egress rule ${String(index)} has no to peers, so it allows connections to any address, the internet included, on ${ports}`, at, severity);
        continue;
      }
      for (const peer of wholeSpacePeers(rule, 'to')) {
        yield fail(`${who} egress rule ${String(index)} allows ipBlock ${peer.cidr}: any address, the internet included, on ${ports}`, pointer(at, 'to', peer.index, 'ipBlock', 'cidr'), severity);
      }
    }
  },
});
