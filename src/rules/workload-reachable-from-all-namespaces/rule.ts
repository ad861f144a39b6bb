/**
 * A workload that NetworkPolicies isolate for ingress but whose policies still admit a pod from
 * any namespace (a `namespaceSelector: {}` peer, a rule without peers, or an AdminNetworkPolicy
 * allowing all namespaces): every compromised pod anywhere in the cluster, including namespaces
 * created later, can reach it. Computed with the exact reachability analysis: an unlabelled pod in
 * a namespace no selector names stands for "any pod in any namespace". The analysis is the scan's
 * shared one (src/graph/netpol/findings).
 */
import type { RuleContext, WorkloadSubject } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { isolationOf, scanNetpol } from '../../graph/netpol/findings/index.js';

const STRANGER_NAMESPACE = 'any-namespace';

export const rule = defineRule({
  id: 'workload-reachable-from-all-namespaces',
  title: 'Isolated workload still reachable from every namespace',
  severity: 'medium',
  threats: ['lateral-movement', 'network-security'],
  mitre: ['T1046', 'T1210'],
  remediation: 'Replace the all-namespaces peer with selectors naming the namespaces and pods that need access.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ],
  target: 'workload',
  *check(subject: WorkloadSubject, { index }: RuleContext<undefined>) {
    const { resource } = subject;
    const scan = scanNetpol(index);
    const target = scan?.endpointOf(resource);
    if (scan === undefined || target === undefined) return;
    const analysis = scan.analysis;
    // Pods no ingress policy selects are open to everyone: workload-not-isolated-for-ingress reports that.
    if (isolationOf(target, 'Ingress').kind !== 'isolated') return;
    const stranger = scan.memo('stranger-class', () => analysis.classOfExtra({ namespace: STRANGER_NAMESPACE, name: 'any', kind: 'Pod', labels: {}, ports: [], hostNetwork: false, resources: [] }));
    const conns = analysis.allowed(stranger, target.cls);
    if (conns.isEmpty()) return;
    yield fail(
      `${resource.kind} "${resource.name}" is isolated for ingress, yet any pod in any namespace (including ones created later) may connect to it on ${conns.toString()}`,
      subject.workload.podMetaPath,
    );
  },
});
