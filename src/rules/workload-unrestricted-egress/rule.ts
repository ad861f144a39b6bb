/**
 * The exfiltration path: a workload whose pods may connect to every public internet address. Two
 * different mistakes lead there and are reported apart: no NetworkPolicy isolates the pods for
 * egress at all, or policies do isolate them but a rule (no `to`, or a 0.0.0.0/0 or ::/0 ipBlock)
 * opens everything again. Decided by the netpol engine over the address partition the policies
 * induce, once per class of pods (see src/graph/netpol/findings/internet-egress.ts).
 */
import { z } from 'zod';
import type { RuleContext, WorkloadSubject } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { ConnectionSet } from '../../graph/netpol/connections.js';
import { IntervalSet } from '../../graph/netpol/intervals.js';
import { NetpolError } from '../../graph/netpol/errors.js';
import { internetEgress, scanNetpol, type InternetEgress, type OpeningRule } from '../../graph/netpol/findings/index.js';

const options = z.strictObject({
  allowDns: z.boolean().default(true).meta({ description: 'Accept egress to any address when it is only DNS (port 53 over UDP and TCP).' }),
});
type Options = z.output<typeof options>;

const DNS = ConnectionSet.of('UDP', IntervalSet.of(53, 53)).union(ConnectionSet.of('TCP', IntervalSet.of(53, 53)));

function rulesText(rules: readonly OpeningRule[]): string {
  const shown = rules.slice(0, 3).map((r) => `${r.policy} egress rule #${r.rule}`);
  return rules.length > 3 ? `${shown.join(', ')} and ${rules.length - 3} more` : shown.join(', ');
}

export const rule = defineRule<Options>({
  id: 'workload-unrestricted-egress',
  title: 'Workload may send data to any internet address',
  severity: 'medium',
  threats: ['data-exfiltration', 'network-security'],
  mitre: ['T1041', 'T1105'],
  remediation: 'Isolate the workload for egress and allow only the destinations it needs (pod and namespace selectors, narrow ipBlocks, and DNS), never every address.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-egress-traffic',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ],
  options,
  target: 'workload',
  *check(subject: WorkloadSubject, { index, options: { allowDns } }: RuleContext<Options>) {
    const scan = scanNetpol(index);
    const endpoint = scan?.endpointOf(subject.resource);
    if (scan === undefined || endpoint === undefined) return;
    const verdict = scan.memo<InternetEgress | undefined>(`internet-egress|${endpoint.cls.egressSig}|${String(endpoint.workload.hostNetwork)}`, () => {
      try {
        return internetEgress(scan.analysis, endpoint);
      } catch (error) {
        // A named port towards addresses: input `palisade netpol` refuses, with its location.
        if (error instanceof NetpolError) return undefined;
        throw error;
      }
    });
    if (verdict === undefined) return;
    const who = `${subject.resource.kind} "${subject.resource.name}"`;
    switch (verdict.kind) {
      case 'not-isolated':
        yield fail(`${who}: no egress NetworkPolicy selects its pods, so they may connect to any internet address on any port (the path for exfiltration and command and control)`, subject.workload.podMetaPath);
        return;
      case 'allowed': {
        if (allowDns && verdict.conns.isSubsetOf(DNS)) return;
        const by = verdict.rules.length > 0 ? `${rulesText(verdict.rules)} ${verdict.rules.length === 1 ? 'allows' : 'allow'}` : 'admin network policies allow';
        const severity = verdict.conns.isAll() ? undefined : 'low';
        yield fail(`${who} is isolated for egress, but ${by} every internet address (0.0.0.0/0) on ${verdict.conns.toString()}`, subject.workload.podMetaPath, severity);
        return;
      }
      case 'ipv6':
        yield fail(`${who} is isolated for egress, but ${rulesText(verdict.rules)} ${verdict.rules.length === 1 ? 'allows' : 'allow'} every IPv6 address (::/0)`, subject.workload.podMetaPath);
        return;
      case 'host-network':
      case 'restricted':
        return;
    }
  },
});
