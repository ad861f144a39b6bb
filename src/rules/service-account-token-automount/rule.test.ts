import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('service-account-token-automount', () => {
  it('says which object decides, the pod field winning', async () => {
    const scan = await scanFixtures(rule, ['fail/automount.yaml']);
    expect(findingsFor(scan, 'fail-deployment-pod-true-overrides-account').map((f) => [f.message, f.location.path])).toEqual([
      ['pod sets automountServiceAccountToken: true, so every container gets a token of ServiceAccount "web"', '/spec/template/spec/automountServiceAccountToken'],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-account-true').map((f) => f.message)).toEqual([
      'pod mounts a service account token automatically: the pod leaves automountServiceAccountToken unset and its ServiceAccount "jobs" sets automountServiceAccountToken: true',
    ]);
    expect(findingsFor(scan, 'fail-account-in-other-namespace').map((f) => f.message)).toEqual([
      'pod mounts a service account token automatically: the pod leaves automountServiceAccountToken unset and its ServiceAccount "web" is not in the scanned input, and the default is to mount',
    ]);
  });
});
