/**
 * An egress rule without peers, or with a /0 ipBlock, lets the selected pods open connections to
 * any address: the channel for exfiltration, command and control, and pulling second-stage
 * tooling after a compromise. Rules that open only DNS are the common, accepted exception. A
 * narrower ipBlock that takes in the cloud instance metadata address hands the pods the node's
 * cloud credentials, so it is reported too.
 */
import type { Violation } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { parseCidr, parseIPv4 } from '../../graph/netpol/ip-blocks.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';
import { policyTypesOf } from '../_shared/network-policy.js';
import { describePolicy, describePorts, isWholeAddressSpace, wholeSpacePeers } from '../_shared/policy-peers.js';

/** Whether every port of the rule is DNS (53 over UDP or TCP). */
function onlyDns(rule: Record<string, unknown>): boolean {
  const ports = asArray(rule.ports);
  return ports.length > 0 && ports.every((value) => {
    const port = asRecord(value);
    return (port?.port === 53 || port?.port === '53' || port?.port === 'dns' || port?.port === 'dns-tcp') && port.endPort === undefined;
  });
}

/** The link-local instance metadata endpoint of AWS, GCP, Azure, OpenStack, Oracle and DigitalOcean. */
const METADATA_ADDRESS = '169.254.169.254';
const METADATA = parseIPv4(METADATA_ADDRESS) ?? 0;

/** Whether an IPv4 CIDR holds the metadata address (invalid and IPv6 blocks do not). */
function holdsMetadata(cidr: string): boolean {
  const parsed = parseCidr(cidr.trim());
  return parsed.kind === 'ipv4' && parsed.block.contains(METADATA);
}

/**
 * Peers whose ipBlock, short of the whole address space (reported as such), takes in the metadata
 * address without an `except` entry that carves it out.
 */
function* metadataPeers(rule: Record<string, unknown>, ruleIndex: number, who: string, ports: string): Generator<Violation> {
  for (const [index, value] of asArray(rule.to).entries()) {
    const block = asRecord(asRecord(value)?.ipBlock);
    const cidr = asString(block?.cidr);
    if (cidr === undefined || isWholeAddressSpace(cidr) || !holdsMetadata(cidr)) continue;
    if (asArray(block?.except).some((except) => typeof except === 'string' && holdsMetadata(except))) continue;
    yield fail(
      `${who} egress rule ${String(ruleIndex)} allows ipBlock ${cidr}, which holds the cloud instance metadata address ${METADATA_ADDRESS} (the node's cloud credentials), on ${ports}`,
      // Listed ports do not lower this one: the metadata service answers on 80, the usual pick.
      pointer('/spec/egress', ruleIndex, 'to', index, 'ipBlock', 'cidr'),
    );
  }
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
      yield* metadataPeers(rule, index, who, ports);
    }
  },
});
