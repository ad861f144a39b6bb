import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-exec-form', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-shell.Dockerfile"]);
    expect(findingsFor(scan, "fail-shell.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["ENTRYPOINT (line 2) is in shell form, so /bin/sh is PID 1, signals do not reach the program, and CMD and docker run arguments are ignored", 2],
    ]);
  });
  it('says when a bracketed argument is broken JSON rather than a chosen shell form', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-invalid-json.Dockerfile']);
    expect(findingsFor(scan, 'fail-invalid-json.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['CMD (line 3) is meant as JSON but is not valid JSON (JSON strings need double quotes), so /bin/sh runs the text itself as a command line', 3],
    ]);
  });
  it('does not claim signals are lost when the line starts with exec', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-shell-exec.Dockerfile']);
    expect(findingsFor(scan, 'fail-shell-exec.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['ENTRYPOINT (line 3) is in shell form, so CMD and docker run arguments are ignored (exec hands PID 1 to the program, but /bin/sh -c still parses the line)', 3],
      ['CMD (line 4) is in shell form, so /bin/sh -c parses the line and the image needs a shell (exec then hands PID 1 to the program)', 4],
    ]);
  });
});
