import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('emptydir-without-size-limit', () => {
  it('tells disk and memory volumes apart', async () => {
    const scan = await scanFixtures(rule, ['fail/unbounded.yaml']);
    expect(findingsFor(scan, 'fail-pod-disk').map((f) => [f.message, f.location.path])).toEqual([
      ['emptyDir volume "cache" has no sizeLimit and no container has an ephemeral-storage limit: it can fill the node\'s disk', '/spec/volumes/0/emptyDir'],
    ]);
    expect(findingsFor(scan, 'fail-deployment-memory').map((f) => f.message)).toEqual([
      'emptyDir volume "shm" is a tmpfs (medium Memory) without sizeLimit, and container "sidecar" has no memory limit: it can take the node\'s memory',
    ]);
  });
});
