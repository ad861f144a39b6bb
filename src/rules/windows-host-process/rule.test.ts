import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('windows-host-process', () => {
  it('names every container that inherits hostProcess from the pod', async () => {
    const scan = await scanFixtures(rule, ['fail/host-process.yaml']);
    expect(findingsFor(scan, 'fail-pod-level').map((f) => [f.message, f.location.path])).toEqual([
      ['container "agent" is a Windows HostProcess container (pod level): it runs directly on the node with host access', '/spec/securityContext/windowsOptions/hostProcess'],
      ['init container "setup" is a Windows HostProcess container (pod level): it runs directly on the node with host access', '/spec/securityContext/windowsOptions/hostProcess'],
    ]);
  });
});
