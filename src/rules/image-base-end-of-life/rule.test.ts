import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule, { options: { today: '2026-11-28' } });

describe('image-base-end-of-life', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-buster.Dockerfile"], { today: '2026-11-28' });
    expect(findingsFor(scan, "fail-buster.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["the base image python:3.11-buster (line 1) is debian 10 (buster), which reached its end of life on 2024-06-30 and gets no security fixes", 1],
    ]);
  });
});
