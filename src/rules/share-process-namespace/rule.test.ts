import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('share-process-namespace', () => {
  it('names the containers that see each other', async () => {
    const scan = await scanFixtures(rule, ['fail/shared.yaml']);
    expect(findingsFor(scan, 'fail-pod-shared').map((f) => [f.message, f.location.path])).toEqual([
      ['pod sets shareProcessNamespace: true: its containers ("app", "sidecar") see each other\'s processes, environment variables and filesystems through /proc', '/spec/shareProcessNamespace'],
    ]);
  });
});
