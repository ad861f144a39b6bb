import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-pipefail', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-pipe.Dockerfile"]);
    expect(findingsFor(scan, "fail-pipe.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["RUN (line 5) uses a pipe without pipefail, so a failing command before the last one does not fail the build", 5],
    ]);
  });
});
