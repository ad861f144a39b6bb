import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('image-secret-in-config', () => {
  it('names the place and never shows the value', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-arg-env.Dockerfile', 'fail/image-config.yaml']);
    expect(findingsFor(scan, 'fail-arg-env.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['build argument AWS_ACCESS_KEY_ID (line 1) carries a credential, and build arguments are recorded in the image history', 1],
      ['ENV DB_PASSWORD (line 3) holds a credential (key "DB_PASSWORD"): s3cr… (20 characters)', 3],
    ]);
    const all = scan.findings.map((f) => f.message).join('\n');
    expect(all).not.toContain('s3cr3t-Pa55w0rd');
    expect(all).not.toContain('AKIAIOSFODNN7EXAMPLF');
    expect(findingsFor(scan, 'fail-image-history-secret').map((f) => f.location.path)).toEqual(['/history/0/created_by']);
  });

  it('reports a secret of an Env entry once, not again at the ENV step of the history that set it', async () => {
    const scan = await scanFixtures(rule, ['fail/image-config.yaml']);
    expect(findingsFor(scan, 'fail-image-env-and-history').map((f) => f.location.path)).toEqual(['/config/Env/0', '/history/2/created_by']);
  });
  it('reads here-documents: a RUN document is recorded in the history, a COPY document is a file of the image', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-heredoc-secrets.Dockerfile']);
    expect(findingsFor(scan, 'fail-heredoc-secrets.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['RUN (line 3) has a here-document holding a GitHub token, kept in the image history: ghp_… (40 characters)', 3],
      ['COPY (line 7) has a here-document holding an npm access token, kept in the image at /home/node/.npmrc: npm_… (40 characters)', 7],
    ]);
    expect(scan.findings.map((f) => f.message).join('\n')).not.toContain('Q8vT2pLw9xK4m');
  });
  it('reads the default of a build argument whatever its name', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-arg-default-value.Dockerfile']);
    expect(findingsFor(scan, 'fail-arg-default-value.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['build argument GH (line 3) defaults to a GitHub token, recorded in the image history: ghp_… (40 characters)', 3],
      ['build argument REPO_URL (line 4) defaults to a password in a connection URL, recorded in the image history: Zq8v… (16 characters)', 4],
    ]);
    expect(scan.findings.map((f) => f.message).join('\n')).not.toContain('Zq8v7rT2pLw9xK4m');
  });
  it('reads the URL of an ADD, which the history records', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-add-url-credentials.Dockerfile']);
    expect(findingsFor(scan, 'fail-add-url-credentials.Dockerfile').map((f) => [f.message, f.location.line])).toEqual([
      ['ADD (line 2) has a password in a connection URL in its source, kept in the image history: Zq8v… (16 characters)', 2],
    ]);
  });
});
