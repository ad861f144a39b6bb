/**
 * A workload that NetworkPolicies isolate for ingress but whose policies still admit a pod from
 * any namespace (a `namespaceSelector: {}` peer, a rule without peers, or an AdminNetworkPolicy
 * allowing all namespaces): every compromised pod anywhere in the cluster, including namespaces
 * created later, can reach it. Computed with the exact reachability analysis: an unlabelled pod in
 * a namespace no selector names stands for "any pod in any namespace".
 */
import type { ResourceIndex } from '../../core/resource-index.js';
import { namespaceOf } from '../../core/resource-index.js';
import type { RuleContext, WorkloadSubject } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { Analysis } from '../../graph/netpol/analysis.js';
import { buildCluster } from '../../graph/netpol/cluster.js';
import { NetpolError } from '../../graph/netpol/errors.js';
import { workloadKey } from '../../graph/netpol/model.js';

/** The analysis of one scan, built once for all its workloads; undefined when the policies are invalid. */
const analyses = new WeakMap<ResourceIndex, Analysis | undefined>();

function analysisOf(index: ResourceIndex): Analysis | undefined {
  if (!analyses.has(index)) {
    let analysis: Analysis | undefined;
    try {
      analysis = new Analysis(buildCluster(index.resources));
    } catch (error) {
      if (!(error instanceof NetpolError)) throw error;
      analysis = undefined; // invalid policies are reported by `palisade netpol` with their location
    }
    analyses.set(index, analysis);
  }
  return analyses.get(index);
}

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
    if (resource.kind === 'PodTemplate') return;
    const analysis = analysisOf(index);
    if (analysis === undefined) return;
    const key = workloadKey({ namespace: namespaceOf(resource), name: resource.name, kind: resource.kind });
    const target = analysis.workloads.find((w) => w.key === key);
    // Pods no ingress policy selects are open to everyone: namespace-without-default-deny reports that.
    if (target === undefined || (target.cls.ingress.length === 0 && target.cls.adminIngress.length === 0 && target.cls.baselineIngress === undefined)) return;
    const stranger = analysis.classOfExtra({ namespace: STRANGER_NAMESPACE, name: 'any', kind: 'Pod', labels: {}, ports: [], hostNetwork: false, resources: [] });
    const conns = analysis.allowed(stranger, target.cls);
    if (conns.isEmpty()) return;
    yield fail(
      `${resource.kind} "${resource.name}" is isolated for ingress, yet any pod in any namespace (including ones created later) may connect to it on ${conns.toString()}`,
      subject.workload.podMetaPath,
    );
  },
});
