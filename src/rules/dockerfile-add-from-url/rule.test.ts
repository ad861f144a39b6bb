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
});
