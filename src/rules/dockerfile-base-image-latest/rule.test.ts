import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-base-image-latest', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-untagged.Dockerfile"]);
    expect(findingsFor(scan, "fail-untagged.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["FROM registry.example.com:5000/base (line 2) has no tag, so the build uses whatever \"latest\" is", 2],
      ["FROM node:latest (line 3) uses the mutable \"latest\" tag", 3],
    ]);
  });
});
