import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-invalid-port', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-port.Dockerfile"]);
    expect(findingsFor(scan, "fail-port.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["EXPOSE 80000 (line 2) is not a valid port or port range", 2],
    ]);
  });
});
