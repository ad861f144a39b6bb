import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-add-from-url', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-url.Dockerfile"]);
    expect(findingsFor(scan, "fail-url.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["ADD (line 2) downloads https://example.com/tool.tar.gz without --checksum, so its content is not verified", 2],
    ]);
  });
});
