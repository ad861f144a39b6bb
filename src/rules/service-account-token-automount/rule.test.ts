import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('service-account-token-automount', () => {
  it('says which object decides, the pod field winning', async () => {
    const quiet = await scanFixtures(rule, ['fail/automount.yaml']);
    expect(findingsFor(quiet, 'fail-pod-nothing-set').map((f) => f.location.path)).toEqual(['/spec/automountServiceAccountToken']);
    const scan = await scanFixtures(rule, ['fail/automount.yaml']);
    expect(findingsFor(scan, 'fail-deployment-pod-true-overrides-account').map((f) => [f.message, f.location.path])).toEqual([
      ['pod sets automountServiceAccountToken: true, so every container gets a token of ServiceAccount "web"', '/spec/template/spec/automountServiceAccountToken'],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-account-true').map((f) => f.message)).toEqual([
      'pod mounts a service account token automatically: the pod leaves automountServiceAccountToken unset and its ServiceAccount "jobs" sets automountServiceAccountToken: true',
    ]);
    expect(findingsFor(scan, 'fail-cronjob-account-silent').map((f) => f.message)).toEqual([
      'pod mounts a service account token automatically: the pod leaves automountServiceAccountToken unset and its ServiceAccount "reports" does not set it either, and the default is to mount',
    ]);
    expect(findingsFor(scan, 'fail-account-in-other-namespace').map((f) => f.message)).toEqual([
      'pod mounts a service account token automatically: the pod leaves automountServiceAccountToken unset and its ServiceAccount "web" is not in the scanned input, and the default is to mount',
    ]);
  });
});
