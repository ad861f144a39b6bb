import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-duplicate-instruction', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-two-cmd.Dockerfile"]);
    expect(findingsFor(scan, "fail-two-cmd.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["CMD on line 2 is overridden by the CMD on line 4 of the same stage", 2],
    ]);
  });
});
