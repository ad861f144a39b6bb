import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-add-instead-of-copy', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-add.Dockerfile"]);
    expect(findingsFor(scan, "fail-add.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["ADD (line 2) copies app.yaml, bundle.zip, which ADD does not unpack; use COPY", 2],
    ]);
  });
});
