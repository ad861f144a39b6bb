import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('webhook-failure-policy-ignore', () => {
  it('names the webhook and explains the v1beta1 default', async () => {
    const scan = await scanFixtures(rule, ['fail/ignore.yaml']);
    expect(findingsFor(scan, 'fail-explicit-ignore').map((f) => [f.message, f.location.path])).toEqual([
      ['ValidatingWebhookConfiguration "fail-explicit-ignore" webhook "validate.kyverno.svc" sets failurePolicy: Ignore: requests it cannot answer are admitted unchecked', '/webhooks/1/failurePolicy'],
    ]);
    expect(findingsFor(scan, 'fail-v1beta1-default').map((f) => f.location.path)).toEqual(['/webhooks/0']);
  });
});
