/**
 * A NetworkPolicy whose podSelector matches no pod of its namespace protects nothing: usually a
 * label typo or a renamed app, and the pods the author meant stay open. Judged against the
 * workloads of the input as the netpol engine models them; when the input holds no workload of
 * the policy's namespace at all there is nothing to judge against, and the policy is skipped.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail, skip } from '../../core/rule.js';
import { PolicyUsage, scanNetpol } from '../../graph/netpol/findings/index.js';

export const rule = defineRule({
  id: 'network-policy-selects-no-pod',
  title: 'NetworkPolicy selects no pod',
  severity: 'low',
  threats: ['network-security', 'lateral-movement'],
  mitre: ['T1046'],
  remediation: 'Fix the podSelector so that it matches the labels of the pods the policy is meant for, or delete the policy.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  ],
  target: { kinds: ['NetworkPolicy'] },
  *check(resource: Resource, { index }: RuleContext<undefined>) {
    const scan = scanNetpol(index);
    const policy = scan?.policyOf(resource);
    if (scan === undefined || policy === undefined) return;
    const usage = scan.memo('policy-usage', () => new PolicyUsage(scan.analysis.cluster));
    if (!usage.hasWorkloadsIn(policy.namespace)) {
      yield skip(`the input holds no workload of namespace "${policy.namespace}"`);
      return;
    }
    if (usage.selected(policy).length > 0) return;
    yield fail(`NetworkPolicy "${policy.name}" selects no pod: its podSelector matches none of the workloads of namespace "${policy.namespace}", so it protects nothing`, '/spec/podSelector');
  },
});
