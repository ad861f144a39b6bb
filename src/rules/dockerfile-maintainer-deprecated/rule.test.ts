import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-maintainer-deprecated', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-maintainer.Dockerfile"]);
    expect(findingsFor(scan, "fail-maintainer.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["MAINTAINER (line 2) is deprecated; use the org.opencontainers.image.authors label", 2],
    ]);
  });
});
