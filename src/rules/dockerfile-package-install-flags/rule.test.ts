import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-package-install-flags', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-flags.Dockerfile"]);
    expect(findingsFor(scan, "fail-flags.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["apt-get install has no -y, so it stops at the confirmation prompt (line 2)", 2],
      ["apt-get install installs recommended packages too; add --no-install-recommends (line 2)", 2],
      ["apt update uses apt, the interactive front end; use apt-get in scripts (line 3)", 3],
    ]);
  });
});
