import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('proc-mount-unmasked', () => {
  it('names the container and lowers the severity in a user namespace', async () => {
    const scan = await scanFixtures(rule, ['fail/unmasked.yaml']);
    expect(findingsFor(scan, 'fail-pod-unmasked').map((f) => [f.message, f.location.path, f.severity])).toEqual([
      ['container "app" sets procMount "Unmasked": /proc is mounted without the runtime\'s masked and read-only paths', '/spec/containers/0/securityContext/procMount', 'high'],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-user-namespace').map((f) => f.severity)).toEqual(['low']);
  });
});
