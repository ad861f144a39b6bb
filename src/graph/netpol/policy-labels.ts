/**
 * Whether policy selectors can tell two label sets apart: used to refuse grouping pods of one
 * owner whose labels differ in a way some selector sees (a requirement true for one, false for
 * the other). Differences no selector looks at are harmless.
 */
import { selectorMatches, type LabelSelector, type Labels } from '../../lib/k8s/labels.js';
import type { NetworkPolicy } from './model.js';
import type { AdminPolicy } from './admin-model.js';

/** Every selector whose verdict on pods decides something: policy pod selectors and rule pod selectors. */
export function podSelectorsOf(policies: readonly NetworkPolicy[], admin: readonly AdminPolicy[]): LabelSelector[] {
  const out: LabelSelector[] = [];
  for (const policy of admin) {
    for (const peer of [policy.subject, ...[...policy.ingress, ...policy.egress].flatMap((rule) => rule.peers)]) {
      if (peer.kind === 'pods' && peer.podSelector !== undefined) out.push(peer.podSelector);
    }
  }
  for (const policy of policies) {
    out.push(policy.podSelector);
    for (const rule of [...policy.ingress, ...policy.egress, ...(policy.ingressDeny ?? []), ...(policy.egressDeny ?? [])]) {
      for (const peer of rule.peers ?? []) if (peer.kind === 'pods' && peer.podSelector !== undefined) out.push(peer.podSelector);
    }
  }
  return out;
}

/** The first label key on which some selector requirement judges the two label sets differently. */
export function distinguishingKey(selectors: readonly LabelSelector[], a: Labels, b: Labels): string | undefined {
  for (const selector of selectors) {
    for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
      if ((a[key] === value) !== (b[key] === value)) return key;
    }
    for (const expr of selector.matchExpressions ?? []) {
      const one: LabelSelector = { matchExpressions: [expr] };
      if (selectorMatches(one, a) !== selectorMatches(one, b)) return expr.key;
    }
  }
  return undefined;
}
