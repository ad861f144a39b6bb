import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('image-too-large', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/image-config.yaml"]);
    expect(findingsFor(scan, "fail-image-huge").map((f) => [f.message, f.location.line])).toEqual([
      ["the image is 2048 MiB uncompressed, more than the limit of 1024 MiB", 4],
    ]);
  });
});
