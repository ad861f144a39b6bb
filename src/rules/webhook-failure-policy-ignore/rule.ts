/**
 * A validating webhook is usually a policy engine (Gatekeeper, Kyverno, Kubewarden, image
 * verification). With failurePolicy Ignore, any request the webhook cannot answer in time is
 * admitted unchecked: an attacker who can slow or crash the webhook (or races its restart) deploys
 * exactly what the policy forbids.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

/** admissionregistration.k8s.io/v1beta1 defaulted failurePolicy to Ignore; v1 defaults it to Fail. */
function effectiveFailurePolicy(configuration: Resource, webhook: Record<string, unknown>): { value: string; defaulted: boolean } {
  const explicit = asString(webhook.failurePolicy);
  if (explicit !== undefined && explicit !== '') return { value: explicit, defaulted: false };
  return { value: configuration.apiVersion === 'admissionregistration.k8s.io/v1beta1' ? 'Ignore' : 'Fail', defaulted: true };
}

export const rule = defineRule({
  id: 'webhook-failure-policy-ignore',
  title: 'Validating admission webhook fails open',
  severity: 'medium',
  threats: ['container-compromise', 'compliance-auditing'],
  mitre: ['T1562.001', 'T1610'],
  remediation: 'Set failurePolicy: Fail on the webhook and run it highly available (replicas, PodDisruptionBudget) so policy is never skipped.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#failure-policy',
    'https://kubernetes.io/docs/concepts/cluster-administration/admission-webhooks-good-practices/',
  ],
  target: { kinds: ['ValidatingWebhookConfiguration'] },
  *check(configuration: Resource) {
    for (const [index, value] of asArray(configuration.object.webhooks).entries()) {
      const webhook = asRecord(value);
      if (webhook === undefined) continue;
      const policy = effectiveFailurePolicy(configuration, webhook);
      if (policy.value !== 'Ignore') continue;
      const name = asString(webhook.name) ?? `#${String(index)}`;
      const how = policy.defaulted ? 'has no failurePolicy and admissionregistration.k8s.io/v1beta1 defaults it to Ignore' : 'sets failurePolicy: Ignore';
      yield fail(
        `ValidatingWebhookConfiguration "${configuration.name}" webhook "${name}" ${how}: requests it cannot answer are admitted unchecked`,
        policy.defaulted ? pointer('/webhooks', index) : pointer('/webhooks', index, 'failurePolicy'),
      );
    }
  },
});
