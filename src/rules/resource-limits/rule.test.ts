import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('resource-limits', () => {
  it('reports one finding per missing limit: memory and cpu fail, ephemeral-storage warns', async () => {
    const scan = await scanFixtures(rule, ['fail/no-limits.yaml']);
    expect(findingsFor(scan, 'fail-pod-no-resources').map((f) => [f.status, f.severity, f.location.path])).toEqual([
      ['fail', 'medium', '/spec/containers/0/resources/limits/memory'],
      ['fail', 'low', '/spec/containers/0/resources/limits/cpu'],
      ['warn', 'low', '/spec/containers/0/resources/limits/ephemeral-storage'],
    ]);
    expect(findingsFor(scan, 'fail-deployment-requests-only').map((f) => f.message)).toContain(
      "container \"web\" has no memory limit: a leak or an attacker can use up the node's memory and get other pods OOM-killed",
    );
    expect(findingsFor(scan, 'fail-cronjob-init-container-unbounded').every((f) => f.message.startsWith('init container "setup"'))).toBe(true);
  });

  it('treats a zero limit as no limit', async () => {
    const scan = await scanFixtures(rule, ['fail/no-limits.yaml']);
    expect(findingsFor(scan, 'fail-replicaset-zero-memory-limit').map((f) => f.location.path)).toEqual(['/spec/template/spec/containers/0/resources/limits/memory']);
  });

  it('counts LimitRange container defaults of the same namespace only', async () => {
    const scan = await scanFixtures(rule, ['fail/no-limits.yaml']);
    expect(findingsFor(scan, 'fail-pod-limit-range-lacks-memory').map((f) => f.location.path)).toEqual(['/spec/containers/0/resources/limits/memory']);
  });
});
