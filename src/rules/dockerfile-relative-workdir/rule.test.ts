import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-relative-workdir', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-relative.Dockerfile"]);
    expect(findingsFor(scan, "fail-relative.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["WORKDIR app (line 2) is relative", 2],
    ]);
  });
});
