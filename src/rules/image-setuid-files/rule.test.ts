import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('image-setuid-files', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-chmod.Dockerfile"]);
    expect(findingsFor(scan, "fail-chmod.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["RUN (line 2) makes /usr/local/bin/helper setuid/setgid (chmod u+s)", 2],
    ]);
  });
  it('sees the mode install -m gives a file, as chmod\'s', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-install-mode.Dockerfile', 'pass/pass-no-suid.Dockerfile']);
    expect(findingsFor(scan, 'fail-install-mode.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['RUN (line 3) makes /usr/local/bin/helper setuid/setgid (install -m 4755)', 3],
    ]);
    expect(findingsFor(scan, 'pass-no-suid.Dockerfile')).toEqual([]);
  });
  it('sees COPY --chmod setting the bits', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-copy-chmod.Dockerfile']);
    expect(findingsFor(scan, 'fail-copy-chmod.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['COPY (line 2) makes /usr/local/bin/helper setuid/setgid (--chmod=4755)', 2],
    ]);
  });
});
