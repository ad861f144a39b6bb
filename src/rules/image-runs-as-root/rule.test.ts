import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('image-runs-as-root', () => {
  it('points at the USER line, and only warns when the base image decides', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-user-root.Dockerfile', 'fail/fail-no-user.Dockerfile', 'fail/fail-uid-zero.Dockerfile']);
    expect(findingsFor(scan, 'fail-user-root.Dockerfile').map((f) => [f.status, f.message, f.location.line])).toEqual([
      ['fail', 'the final stage switches to USER root (line 4), so the image runs as root', 4],
    ]);
    expect(findingsFor(scan, 'fail-no-user.Dockerfile').map((f) => f.status)).toEqual(['warn']);
    expect(findingsFor(scan, 'fail-uid-zero.Dockerfile').map((f) => f.status)).toEqual(['fail']);
    const fromArg = await scanFixtures(rule, ['fail/fail-user-from-arg.Dockerfile']);
    expect(findingsFor(fromArg, 'fail-user-from-arg.Dockerfile').map((f) => f.message)).toEqual(['the final stage switches to USER ${RUN_AS} (0) (line 3), so the image runs as root']);
  });
});
