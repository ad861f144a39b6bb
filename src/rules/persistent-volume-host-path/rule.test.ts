import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('persistent-volume-host-path', () => {
  it('names the node path and the claim', async () => {
    const scan = await scanFixtures(rule, ['fail/host-path.yaml']);
    expect(findingsFor(scan, 'fail-bound-root').map((f) => [f.message, f.location.path])).toEqual([
      ['PersistentVolume "fail-bound-root" is a hostPath volume on node path /: the claim apps/data gets that directory of the node, out of sight of pod-level hostPath controls', '/spec/hostPath'],
    ]);
  });
});
