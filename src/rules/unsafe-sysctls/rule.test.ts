import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('unsafe-sysctls', () => {
  it('names each unsafe sysctl, slash-separated names converted', async () => {
    const scan = await scanFixtures(rule, ['fail/unsafe.yaml']);
    expect(findingsFor(scan, 'fail-pod-kernel-msgmax').map((f) => [f.message, f.location.path])).toEqual([
      [
        'pod sets sysctl "kernel.msgmax", which is not in the safe set: it may change kernel state shared with other pods or the node',
        '/spec/securityContext/sysctls/1/name',
      ],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-slash-separator').map((f) => f.message)).toEqual([
      'pod sets sysctl "net.ipv4.conf.eth0/100.forwarding", which is not in the safe set: it may change kernel state shared with other pods or the node',
    ]);
    expect(findingsFor(scan, 'fail-deployment-net-core').map((f) => f.message)).toEqual([
      'pod sets sysctl "net.core.somaxconn", which is not in the safe set: it may change kernel state shared with other pods or the node',
      'pod sets sysctl "net.ipv4.conf.eth0/100.forwarding", which is not in the safe set: it may change kernel state shared with other pods or the node',
    ]);
  });
});
