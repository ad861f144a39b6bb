/**
 * A rule peer (podSelector, namespaceSelector, or both) that matches no pod of the input allows
 * nothing: usually a label typo, a namespace selected by a label it does not carry (namespaces
 * only get `kubernetes.io/metadata.name` automatically), or a namespace that was renamed. Judged
 * with the netpol engine's model of the input (same workloads, same namespace labels); ipBlock
 * peers always match addresses. Peers are only judged when the input holds workloads at all, and
 * a namespace picked by name that manifests lack only in a live cluster's complete view.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail, skip } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import type { LabelSelector } from '../../lib/k8s/labels.js';
import { isClusterSource } from '../../model/source.js';
import { PolicyUsage, scanNetpol, type DeadPeer } from '../../graph/netpol/findings/index.js';
import type { NetworkPolicy } from '../../graph/netpol/model.js';

const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Whether a peer's namespaceSelector picks namespaces by name (the automatic name label). Manifests
 * are part of a cluster: a namespace named there but absent from them (the ingress controller's,
 * monitoring's) most likely exists elsewhere, so only a live cluster, which lists every namespace,
 * can tell that no namespace has the name.
 */
function selectsByName(policy: NetworkPolicy, dead: DeadPeer): boolean {
  const peer = policy[dead.direction][dead.rule]?.peers?.[dead.peer];
  const selector: LabelSelector | undefined = peer?.kind === 'pods' ? peer.namespaceSelector : undefined;
  if (selector === undefined) return false;
  return selector.matchLabels?.[NAME_LABEL] !== undefined || (selector.matchExpressions ?? []).some((req) => req.key === NAME_LABEL && req.operator === 'In');
}

function describe(dead: DeadPeer): string {
  if (dead.what === 'namespaces') return 'its namespaceSelector matches no namespace of the input';
  return dead.field === 'namespaceSelector' ? 'the namespaces its namespaceSelector matches hold no pod' : 'its podSelector matches no pod of the namespaces it looks in';
}

export const rule = defineRule({
  id: 'network-policy-peer-matches-nothing',
  title: 'NetworkPolicy rule peer matches no pod',
  severity: 'low',
  threats: ['network-security'],
  mitre: ['T1046'],
  remediation: 'Fix the peer\'s selectors so that they match the labels of the intended pods and namespaces, or remove the peer.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-namespace-by-its-name',
  ],
  target: { kinds: ['NetworkPolicy'] },
  *check(resource: Resource, { index }: RuleContext<undefined>) {
    const scan = scanNetpol(index);
    const policy = scan?.policyOf(resource);
    if (scan === undefined || policy === undefined) return;
    const usage = scan.memo('policy-usage', () => new PolicyUsage(scan.analysis.cluster));
    if (!usage.hasWorkloads()) {
      yield skip('the input holds no workload to match peers against');
      return;
    }
    const wholeCluster = isClusterSource(resource.source.file);
    for (const dead of usage.deadPeers(policy)) {
      if (dead.what === 'namespaces' && !wholeCluster && selectsByName(policy, dead)) continue;
      const field = dead.direction === 'ingress' ? 'from' : 'to';
      yield fail(
        `${dead.direction} rule ${dead.rule + 1} of NetworkPolicy "${policy.name}", ${field} peer ${dead.peer + 1}: ${describe(dead)}, so the peer allows nothing`,
        pointer('/spec', dead.direction, dead.rule, field, dead.peer, dead.field),
      );
    }
  },
});
