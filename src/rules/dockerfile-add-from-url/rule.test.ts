import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dockerfile-add-from-url', () => {
  it('says what is wrong and points at the line', async () => {
    const scan = await scanFixtures(rule, ["fail/fail-url.Dockerfile"]);
    expect(findingsFor(scan, "fail-url.Dockerfile").map((f) => [f.message, f.location.line])).toEqual([
      ["ADD (line 2) downloads https://example.com/tool.tar.gz without --checksum, so its content is not verified", 2],
    ]);
  });
  it('passes a Git source at a commit id and says why a branch or tag is not pinned', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-git-ref.Dockerfile', 'pass/pass-git-commit.Dockerfile']);
    expect(findingsFor(scan, 'fail-git-ref.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['ADD (line 3) fetches https://github.com/moby/buildkit.git#v0.14.1 at "v0.14.1", a branch or tag that can be moved to other commits; pin a commit (#<commit id>) or give --checksum', 3],
      ['ADD (line 4) fetches the default branch of git@github.com:acme/private.git, which moves with every push; pin a commit (#<commit id>) or give --checksum', 4],
    ]);
    expect(findingsFor(scan, 'pass-git-commit.Dockerfile')).toEqual([]);
  });
  it('never shows the password of a URL it names', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-url-with-password.Dockerfile']);
    expect(findingsFor(scan, 'fail-url-with-password.Dockerfile').map((f) => f.message)).toEqual([
      'ADD (line 2) downloads https://deploy:…@artifacts.example.com/releases/app.tgz without --checksum, so its content is not verified',
      'ADD (line 3) fetches https://…@github.com/acme/app.git#main at "main", a branch or tag that can be moved to other commits; pin a commit (#<commit id>) or give --checksum',
    ]);
    expect(scan.findings.map((f) => f.message).join('\n')).not.toMatch(/Zq8v7rT2pLw9xK4m|Q8vT2pLw9xK4m/);
  });
});
