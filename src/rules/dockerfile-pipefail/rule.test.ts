import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-pipefail', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-pipe.Dockerfile"]);
    expect(findingsFor(scan, "fail-pipe.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["RUN (line 5) uses a pipe without pipefail, so a failing command before the last one does not fail the build", 5],
    ]);
  });
  it('carries a stage\'s SHELL into the stages built FROM it, and no further', async () => {
    const scan = await scanFixtures(rule, ['pass/pass-shell-inherited.Dockerfile', 'fail/fail-pipe.Dockerfile']);
    expect(findingsFor(scan, 'pass-shell-inherited.Dockerfile')).toEqual([]);
    expect(findingsFor(scan, 'fail-pipe.Dockerfile')).toHaveLength(1);
  });
  it('judges a pipe in a bash -c script by that shell: its -o pipefail or a set -o pipefail in the script', async () => {
    const scan = await scanFixtures(rule, ['pass/pass-nested-shell-pipefail.Dockerfile', 'fail/fail-nested-shell.Dockerfile']);
    expect(findingsFor(scan, 'pass-nested-shell-pipefail.Dockerfile')).toEqual([]);
    expect(findingsFor(scan, 'fail-nested-shell.Dockerfile').map((f) => f.location.line)).toEqual([3]);
  });
});
