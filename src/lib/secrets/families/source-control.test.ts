/**
 * Source-control formats gitleaks publishes no positive case for, built from each issuer's
 * documented shape, each with a near miss (wrong length, inside a longer word, a placeholder).
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { SOURCE_CONTROL_RULES } from './source-control.js';
import { body, HEX, URLSAFE } from './fixtures/fake-values.js';

const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';

const found = (text: string) => scanText(text, SOURCE_CONTROL_RULES).map((m) => m.rule.id);

describe('source-control secret rules', () => {
  it.each([
    ['github-token', `GH_TOKEN=ghr_${body(36)}`],
    ['github-token', `"token": "ghs_${body(36)}"`],
    ['github-fine-grained-token', `github_pat_${body(22)}_${body(59)}`],
    ['gitlab-token', `PRIVATE-TOKEN: glpat-${body(20)}`],
    ['gitlab-token', `token=glpat-${body(27)}.01${body(7, B36)}`],
    ['gitlab-deploy-token', `password: gldt-${body(20)}`],
    ['gitlab-oauth-app-secret', `secret = "gloas-${body(64)}"`],
    ['gitlab-runner-token', `token = "glrt-t1_${body(27)}.01${body(7, B36)}"`],
    ['gitlab-runner-token', `--registration-token GR1348941${body(20)}`],
    ['gitlab-ci-job-token', `CI_JOB_TOKEN=glcbt-64_${body(20)}`],
    ['gitlab-ci-job-token', `CI_JOB_TOKEN=glcbt-${body(20, URLSAFE)}`],
    ['gitlab-pipeline-trigger-token', `-F token=glptt-${body(40, HEX)}`],
    ['gitlab-pipeline-trigger-token', `TRIGGER_TOKEN=glptt-${body(40, URLSAFE)}`],
    ['gitlab-scim-token', `scim_token: glsoat-${body(50, URLSAFE)}`],
    ['gitlab-scim-token', `glsoat-${body(30)}.01${body(7, B36)}`],
    ['gitlab-agent-token', `config.token: glagent-${body(50)}`],
    ['gitlab-scim-token', `glsoat-${body(20)}`],
    ['gitlab-feed-token', `feed_token=glft-${body(20)}`],
    ['gitlab-incoming-mail-token', `glimt-${body(25)}`],
    ['gitlab-feature-flag-token', `instanceId: glffct-${body(20)}`],
    ['gitlab-session-cookie', `Cookie: _gitlab_session=${body(32, B36)}`],
    ['bitbucket-client-secret', `BITBUCKET_CLIENT_SECRET=${body(32)}`],
    ['sourcegraph-access-token', `SRC_ACCESS_TOKEN=sgp_${body(16, HEX)}_${body(40, HEX)}`],
    ['gitter-access-token', `gitter_token: ${body(40, HEX)}`],
  ])('%s: %s', (id, text) => {
    expect(found(text)).toEqual([id]);
  });

  it('takes a routable GitLab token whole, with its version and CRC', () => {
    expect(scanText(`glpat-${body(30)}.01${body(7, B36)}`, SOURCE_CONTROL_RULES).map((m) => m.redacted)).toEqual(['glpa… (46 characters)']);
  });

  it.each([
    ['a GitHub body one character short', `ghp_${body(35)}`],
    ['a GitHub token inside a longer word', `xghp_${body(36)}`],
    ['a GitLab PAT too short', `glpat-${body(19)}`],
    ['a GitLab placeholder', 'glpat-xxxxxxxxxxxxxxxxxxxx'],
    ['a trigger token one character too long', `glptt-${body(41, URLSAFE)}`],
    ['a trigger token one character short', `glptt-${body(39, HEX)}`],
    ['an OAuth application secret longer than 64 characters', `gloas-${body(65, URLSAFE)}`],
    ['a SCIM token longer than a legacy body, without the routable ending', `glsoat-${body(51, URLSAFE)}`],
    ['a CI job token with a body too short', `glcbt-${body(19)}`],
    ['a session cookie too short', `_gitlab_session=${body(31, B36)}`],
    ['a Bitbucket value of neither length', `bitbucket_secret = ${body(40)}`],
    ['40 hex characters not named Sourcegraph', `commit ${body(40, HEX)}`],
  ])('leaves alone %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});
