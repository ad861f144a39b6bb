import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-unpinned-packages', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-unpinned.Dockerfile"]);
    expect(findingsFor(scan, "fail-unpinned.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["apt-get install (line 2) does not pin the version of curl", 2],
      ["pip install (line 2) does not pin the version of requests", 2],
      ["go install (line 4) does not pin the version of example.com/tool@latest", 4],
    ]);
  });
  it('reads packages from ARG and ENV values, and leaves words it cannot know alone', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-unpinned-from-variable.Dockerfile', 'pass/pass-pinned-in-variables.Dockerfile']);
    expect(findingsFor(scan, 'fail-unpinned-from-variable.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['apt-get install (line 3) does not pin the version of curl', 3],
    ]);
    expect(findingsFor(scan, 'pass-pinned-in-variables.Dockerfile')).toEqual([]);
  });
  it('never shows a credential of a package given by URL', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-unpinned-url-with-token.Dockerfile']);
    expect(findingsFor(scan, 'fail-unpinned-url-with-token.Dockerfile').map((f) => f.message)).toEqual([
      'pip install (line 2) does not pin the version of git+https://oauth2:…@gitlab.example.com/acme/lib.git',
      'npm install (line 3) does not pin the version of https://…@github.com/acme/cli.git',
    ]);
  });
});
