import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('resource-requests', () => {
  it('reports each missing request kind at its place', async () => {
    const scan = await scanFixtures(rule, ['fail/no-requests.yaml']);
    expect(findingsFor(scan, 'fail-pod-no-resources').map((f) => f.location.path)).toEqual([
      '/spec/containers/0/resources/requests/cpu',
      '/spec/containers/0/resources/requests/memory',
    ]);
    expect(findingsFor(scan, 'fail-deployment-memory-only').map((f) => f.message)).toEqual([
      'container "web" has no cpu request: the scheduler reserves no cpu for it, so it can land on an overcommitted node',
    ]);
  });
});
