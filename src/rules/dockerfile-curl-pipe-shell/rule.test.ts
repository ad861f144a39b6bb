import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-curl-pipe-shell', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-pipe.Dockerfile"]);
    expect(findingsFor(scan, "fail-pipe.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["RUN (line 2) pipes a curl download into bash: unverified code runs in the build", 2],
    ]);
  });
  it('reads a here-document a shell runs (RUN <<EOF bash), not one a program reads as data', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-heredoc-to-shell.Dockerfile', 'pass/pass-heredoc-data.Dockerfile']);
    expect(findingsFor(scan, 'fail-heredoc-to-shell.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['RUN (line 3) pipes a curl download into sh: unverified code runs in the build', 3],
    ]);
    expect(findingsFor(scan, 'pass-heredoc-data.Dockerfile')).toEqual([]);
  });
  it('sees a download run through process substitution, eval or source', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-process-substitution.Dockerfile']);
    expect(findingsFor(scan, 'fail-process-substitution.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['RUN (line 2) runs a downloaded script through bash: unverified code runs in the build', 2],
      ['RUN (line 3) runs a downloaded script through eval: unverified code runs in the build', 3],
      ['RUN (line 4) runs a downloaded script through .: unverified code runs in the build', 4],
    ]);
  });
  it('reads the script a shell runs with -c (bash -c "...", su USER -c "..."), as the shell does', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-nested-shell.Dockerfile', 'pass/pass-nested-shell-verified.Dockerfile']);
    expect(findingsFor(scan, 'fail-nested-shell.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['RUN (line 2) pipes a curl download into bash: unverified code runs in the build', 2],
      ['RUN (line 3) pipes a wget download into sh: unverified code runs in the build', 3],
      ['RUN (line 4) pipes a curl download into sh: unverified code runs in the build', 4],
    ]);
    expect(findingsFor(scan, 'pass-nested-shell-verified.Dockerfile')).toEqual([]);
  });
  it('sees PowerShell downloads run with Invoke-Expression (iwr | iex, iex ...DownloadString)', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-powershell.Dockerfile', 'pass/pass-powershell-verified.Dockerfile']);
    expect(findingsFor(scan, 'fail-powershell.Dockerfile').map((f) => f.location.line)).toEqual([4, 6, 7]);
    expect(findingsFor(scan, 'pass-powershell-verified.Dockerfile')).toEqual([]);
  });
});
