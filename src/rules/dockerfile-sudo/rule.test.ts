import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-sudo', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-sudo.Dockerfile"]);
    expect(findingsFor(scan, "fail-sudo.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["RUN (line 3) uses sudo", 3],
    ]);
  });
});
