import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-exec-form', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-shell.Dockerfile"]);
    expect(findingsFor(scan, "fail-shell.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["ENTRYPOINT (line 2) is in shell form, so /bin/sh is PID 1 and signals do not reach the program", 2],
    ]);
  });
  it('says when a bracketed argument is broken JSON rather than a chosen shell form', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-invalid-json.Dockerfile']);
    expect(findingsFor(scan, 'fail-invalid-json.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['CMD (line 3) is meant as JSON but is not valid JSON (JSON strings need double quotes), so /bin/sh runs the text itself as a command line', 3],
    ]);
  });
});
