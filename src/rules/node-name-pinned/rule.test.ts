import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('node-name-pinned', () => {
  it('names the node and points at the field', async () => {
    const scan = await scanFixtures(rule, ['fail/pinned.yaml']);
    expect(findingsFor(scan, 'fail-deployment-pinned').map((f) => [f.message, f.location.path])).toEqual([
      ['pod is pinned to node "control-plane-1" with spec.nodeName: the scheduler, taints and node affinity are bypassed', '/spec/template/spec/nodeName'],
    ]);
  });
});
