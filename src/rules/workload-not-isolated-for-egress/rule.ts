/**
 * A pod is isolated for egress only once a NetworkPolicy selecting it lists Egress in its policyTypes
 * (or an admin network policy governs that direction): until then Kubernetes allows all of its
 * egress traffic. Decided per workload with the netpol engine's analysis of the whole input, so a
 * policy in another file, a namespace default-deny or a misspelt selector count exactly as they
 * would in the cluster.
 */
import type { RuleContext, WorkloadSubject } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { isolationOutcomes } from '../_lib/isolation.js';

export const rule = defineRule({
  id: 'workload-not-isolated-for-egress',
  title: 'Workload not isolated for egress by any NetworkPolicy',
  severity: 'medium',
  threats: ['data-exfiltration', 'lateral-movement', 'network-security'],
  mitre: ['T1041', 'T1046'],
  remediation: 'Select the workload\'s pods with a NetworkPolicy that lists Egress in policyTypes (a namespace default-deny policy does it for every pod), then allow the egress it needs.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ],
  target: 'workload',
  check(subject: WorkloadSubject, { index }: RuleContext<undefined>) {
    return isolationOutcomes(subject, index, 'Egress', 'they may connect to every pod of the cluster and to any address outside it');
  },
});
