import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-copy-from-unknown-stage', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-typo.Dockerfile"]);
    expect(findingsFor(scan, "fail-typo.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["COPY --from=biuld (line 3) names no earlier stage, so the builder pulls an image called \"biuld\"", 3],
      ["COPY --from=final (line 4) names its own stage", 4],
    ]);
  });
  it('judges RUN --mount from= like COPY --from', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-mount-from.Dockerfile']);
    expect(findingsFor(scan, 'fail-mount-from.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['RUN --mount from=buildr (line 5) names no earlier stage, so the builder pulls an image called "buildr"', 5],
    ]);
  });
});
