/**
 * NetworkPolicy semantics the namespace rules need, as the API server defaults and the network
 * plugins enforce them.
 */
import type { Resource } from '../../model/resource.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';

export type PolicyDirection = 'Ingress' | 'Egress';

function spec(policy: Resource): Record<string, unknown> {
  return asRecord(policy.object.spec) ?? {};
}

/**
 * spec.policyTypes, defaulted as the API server does when it is empty or absent: Ingress always,
 * plus Egress when the policy has at least one egress rule.
 */
export function policyTypesOf(policy: Resource): PolicyDirection[] {
  const explicit = asArray(spec(policy).policyTypes)
    .map(asString)
    .filter((t): t is PolicyDirection => t === 'Ingress' || t === 'Egress');
  if (asArray(spec(policy).policyTypes).length > 0) return explicit;
  return asArray(spec(policy).egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/**
 * Whether the policy selects every pod of its namespace. podSelector is a required struct in the
 * API, so an absent one decodes as the empty selector, which selects all pods.
 */
export function selectsAllPods(policy: Resource): boolean {
  const selector = asRecord(spec(policy).podSelector) ?? {};
  const labels = asRecord(selector.matchLabels) ?? {};
  return Object.keys(labels).length === 0 && asArray(selector.matchExpressions).length === 0;
}

/** A rule with no peers and no ports allows every connection in its direction. */
function allowsEverything(rule: unknown, peersField: 'from' | 'to'): boolean {
  const record = asRecord(rule) ?? {};
  return asArray(record[peersField]).length === 0 && asArray(record.ports).length === 0;
}

/**
 * Whether the policy isolates every pod of the namespace in `direction` without re-opening it:
 * it selects all pods, names the direction in its (defaulted) policyTypes, and has no rule that
 * allows all traffic. Traffic in that direction is then denied unless some policy allows it.
 */
export function isDefaultDeny(policy: Resource, direction: PolicyDirection): boolean {
  if (!selectsAllPods(policy) || !policyTypesOf(policy).includes(direction)) return false;
  const rules = asArray(spec(policy)[direction === 'Ingress' ? 'ingress' : 'egress']);
  return !rules.some((rule) => allowsEverything(rule, direction === 'Ingress' ? 'from' : 'to'));
}
