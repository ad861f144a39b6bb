import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('image-healthcheck-missing', () => {
  it('points at the final FROM when only a builder stage has a health check', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-only-in-builder.Dockerfile']);
    expect(findingsFor(scan, 'fail-only-in-builder.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([['the final image has no HEALTHCHECK instruction (its last stage starts with the FROM on line 4)', 4]]);
  });
});
