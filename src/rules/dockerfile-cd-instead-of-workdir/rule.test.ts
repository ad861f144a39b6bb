import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-cd-instead-of-workdir', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-cd.Dockerfile"]);
    expect(findingsFor(scan, "fail-cd.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["RUN (line 2) changes directory with cd; use WORKDIR", 2],
    ]);
  });
});
