import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('writable-host-path', () => {
  it('names the container, the volume, the node path and the mount', async () => {
    const scan = await scanFixtures(rule, ['fail/writable.yaml']);
    expect(findingsFor(scan, 'fail-pod-no-read-only').map((f) => [f.message, f.location.path])).toEqual([
      ['container "app" mounts hostPath volume "logs" (node path /var/log/app) writable at /logs', '/spec/containers/0/volumeMounts/0'],
    ]);
  });
});
