import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-onbuild-chaining', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-onbuild.Dockerfile"]);
    expect(findingsFor(scan, "fail-onbuild.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["ONBUILD FROM (line 2) is not allowed: every image built FROM this one fails to build", 2],
    ]);
  });
});
