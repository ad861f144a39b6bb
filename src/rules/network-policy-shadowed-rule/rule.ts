/**
 * A rule whose every allowed connection other rules already allow (in the same policy or another
 * policy selecting the same pods) is dead weight, and a trap: narrowing it later changes nothing,
 * because the wider rule still lets the traffic through. Decided with the netpol engine's
 * connection sets for every class of selected pod and every class of peer (see
 * src/graph/netpol/findings/shadowed.ts); the work per scan is bounded, and policies left
 * undecided when the budget runs out are skipped with a reason.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail, skip } from '../../core/rule.js';
import { ShadowAnalysis, scanNetpol } from '../../graph/netpol/findings/index.js';

export const rule = defineRule({
  id: 'network-policy-shadowed-rule',
  title: 'NetworkPolicy rule shadowed by other rules',
  severity: 'low',
  threats: ['network-security'],
  mitre: ['T1046'],
  remediation: 'Delete the shadowed rule, or narrow the rules that cover it if they allow more than intended.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
  ],
  target: { kinds: ['NetworkPolicy'] },
  *check(resource: Resource, { index }: RuleContext<undefined>) {
    const scan = scanNetpol(index);
    const policy = scan?.policyOf(resource);
    if (scan === undefined || policy === undefined) return;
    const shadows = scan.memo('shadow-analysis', () => new ShadowAnalysis(scan.analysis));
    const verdict = shadows.verdict(policy);
    if (verdict.kind === 'over-budget') {
      yield skip('the input is too large to decide shadowing within the per-scan budget');
      return;
    }
    if (verdict.kind === 'invalid') return;
    for (const shadowed of verdict.shadowed) {
      const direction = shadowed.direction.toLowerCase();
      yield fail(
        `${direction} rule ${shadowed.rule + 1} of NetworkPolicy "${policy.name}" is shadowed: every connection it allows is also allowed by ${shadowed.coveredBy.join(', ')}`,
        `/spec/${direction}/${shadowed.rule}`,
      );
    }
  },
});
