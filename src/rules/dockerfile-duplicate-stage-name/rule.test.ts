import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-duplicate-stage-name', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-twice.Dockerfile"]);
    expect(findingsFor(scan, "fail-twice.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["stage name \"build\" (line 2) is already used on line 1", 2],
    ]);
  });
});
