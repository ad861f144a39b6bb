/** Source-control platforms' tokens. */
import { B, E, END, namedRule, type SecretRule, START } from '../rule.js';

/**
 * GitLab's token body after its prefix, URL-safe base64 in two forms (GitLab's "Token overview"
 * lists the prefixes):
 * - legacy: Devise.friendly_token, 20 characters by default; GitLab issues some kinds longer (an
 *   agent token is 50), so `min` to `max` characters, ending at a token boundary;
 * - routable (GitLab 17+): a longer payload, then `.`, a 2-character version and a 7-character
 *   CRC, all lower-case base36. Only this form runs past `max`.
 */
function gitlab(prefix: string, min: number, max = 50): string {
  // The routable form first: its payload alone would pass for a legacy body ending at the ".".
  return `${prefix}(?:[A-Za-z0-9_-]{27,300}\\.[0-9a-z]{9}|[A-Za-z0-9_-]{${String(min)},${String(max)}})`;
}

const GITLAB_RULES: readonly SecretRule[] = [
  { id: 'gitlab-token', title: 'GitLab personal access token', severity: 'critical', keywords: ['glpat-'], pattern: new RegExp(`${START}(${gitlab('glpat-', 20)})${END}`, 'g'), minEntropy: 3, gitleaks: ['gitlab-pat', 'gitlab-pat-routable'] },
  // Deploy tokens read and write a project's registries and repository.
  { id: 'gitlab-deploy-token', title: 'GitLab deploy token', severity: 'critical', keywords: ['gldt-'], pattern: new RegExp(`${START}(${gitlab('gldt-', 20)})${END}`, 'g'), minEntropy: 3, gitleaks: ['gitlab-deploy-token'] },
  // OAuth application secrets are 64 characters, no more (a longer value is something else).
  { id: 'gitlab-oauth-app-secret', title: 'GitLab OAuth application secret', severity: 'high', keywords: ['gloas-'], pattern: new RegExp(`${START}(gloas-[A-Za-z0-9_-]{64})${END}`, 'g'), minEntropy: 3, gitleaks: ['gitlab-oauth-app-secret'] },
  // A runner token lets its holder pick up the CI jobs (and their secrets) of the runner's projects.
  // glrt- authenticates a runner, glrtr- and GR1348941 are the older registration tokens.
  {
    id: 'gitlab-runner-token', title: 'GitLab runner token', severity: 'critical', keywords: ['glrt-', 'glrtr-', 'gr1348941'],
    pattern: new RegExp(`${START}(${gitlab('glrtr?-', 20)}|GR1348941[A-Za-z0-9_-]{20})${END}`, 'g'), minEntropy: 3,
    gitleaks: ['gitlab-runner-authentication-token', 'gitlab-runner-authentication-token-routable', 'gitlab-rrt'],
  },
  // A CI job's token, valid while the job runs: glcbt-<partition>_<token> since partitioned CI
  // tables (GitLab 16.x), glcbt-<token> before.
  { id: 'gitlab-ci-job-token', title: 'GitLab CI/CD job token', severity: 'high', keywords: ['glcbt-'], pattern: new RegExp(`${START}(${gitlab('glcbt-(?:[0-9A-Za-z]{1,5}_)?', 20)})${END}`, 'g'), minEntropy: 3, gitleaks: ['gitlab-cicd-job-token'] },
  // Trigger tokens are 40 characters: hex from older GitLab, URL-safe base64 from newer.
  { id: 'gitlab-pipeline-trigger-token', title: 'GitLab pipeline trigger token', severity: 'high', keywords: ['glptt-'], pattern: new RegExp(`${START}(glptt-[A-Za-z0-9_-]{40})${END}`, 'g'), minEntropy: 3, gitleaks: ['gitlab-ptt'] },
  { id: 'gitlab-agent-token', title: 'GitLab agent for Kubernetes token', severity: 'critical', keywords: ['glagent-'], pattern: new RegExp(`${START}(${gitlab('glagent-', 50, 300)})${END}`, 'g'), minEntropy: 3, gitleaks: ['gitlab-kubernetes-agent-token'] },
  { id: 'gitlab-scim-token', title: 'GitLab SCIM OAuth token', severity: 'high', keywords: ['glsoat-'], pattern: new RegExp(`${START}(${gitlab('glsoat-', 20)})${END}`, 'g'), minEntropy: 3, gitleaks: ['gitlab-scim-token'] },
  // Read-only or narrow tokens: RSS/calendar feeds, e-mail replies to issues, feature-flag reads.
  { id: 'gitlab-feed-token', title: 'GitLab feed token', severity: 'medium', keywords: ['glft-'], pattern: new RegExp(`${START}(${gitlab('glft-', 20)})${END}`, 'g'), minEntropy: 3, gitleaks: ['gitlab-feed-token'] },
  { id: 'gitlab-incoming-mail-token', title: 'GitLab incoming e-mail token', severity: 'medium', keywords: ['glimt-'], pattern: new RegExp(`${START}(${gitlab('glimt-', 25)})${END}`, 'g'), minEntropy: 3, gitleaks: ['gitlab-incoming-mail-token'] },
  { id: 'gitlab-feature-flag-token', title: 'GitLab feature flags client token', severity: 'medium', keywords: ['glffct-'], pattern: new RegExp(`${START}(${gitlab('glffct-', 20)})${END}`, 'g'), minEntropy: 3, gitleaks: ['gitlab-feature-flag-client-token'] },
  // A signed-in browser session: whoever holds it is that user.
  { id: 'gitlab-session-cookie', title: 'GitLab session cookie', severity: 'critical', keywords: ['_gitlab_session='], pattern: /_gitlab_session=([0-9a-z]{32})(?![A-Za-z0-9_])/g, minEntropy: 3, gitleaks: ['gitlab-session-cookie'] },
];

export const SOURCE_CONTROL_RULES: readonly SecretRule[] = [
  // ghp_ personal, gho_ OAuth, ghu_ user-to-server, ghs_ server-to-server (GitHub App), ghr_ refresh.
  // The last 6 characters are a CRC32 of the rest, but not checked: hand-made test tokens lack it.
  { id: 'github-token', title: 'GitHub token', severity: 'critical', keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: new RegExp(`${B}(gh[pousr]_[A-Za-z0-9]{36})${E}`, 'g'), minEntropy: 3, gitleaks: ['github-pat', 'github-oauth', 'github-app-token', 'github-refresh-token'] },
  { id: 'github-fine-grained-token', title: 'GitHub fine-grained personal access token', severity: 'critical', keywords: ['github_pat_'], pattern: new RegExp(`${B}(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`, 'g'), minEntropy: 3, gitleaks: ['github-fine-grained-pat'] },
  ...GITLAB_RULES,
  // Bitbucket OAuth consumer secrets have no prefix. (The consumer key is an identifier, not a secret.)
  namedRule({ id: 'bitbucket-client-secret', title: 'Bitbucket OAuth consumer secret', severity: 'high', names: ['bitbucket'], value: '[A-Za-z0-9_=-]{64}|[A-Za-z0-9]{32}', minEntropy: 3, gitleaks: ['bitbucket-client-secret'] }),
  // sgp_<instance id>_<40 hex> (or sgp_local_…), and the older bare sgp_<40 hex>.
  { id: 'sourcegraph-access-token', title: 'Sourcegraph access token', severity: 'high', keywords: ['sgp_'], pattern: new RegExp(`${B}(sgp_(?:(?:[a-fA-F0-9]{16}|local)_)?[a-fA-F0-9]{40})${E}`, 'g'), minEntropy: 3, gitleaks: ['sourcegraph-access-token'] },
  // Tokens from before the sgp_ prefix are 40 hex characters: only named ones are recognisable.
  namedRule({ id: 'sourcegraph-legacy-token', title: 'Sourcegraph access token (unprefixed)', severity: 'high', names: ['sourcegraph'], value: '[a-fA-F0-9]{40}', minEntropy: 3, gitleaks: ['sourcegraph-access-token'] }),
  namedRule({ id: 'gitter-access-token', title: 'Gitter access token', severity: 'high', names: ['gitter'], value: '[A-Za-z0-9_-]{40}', minEntropy: 3, gitleaks: ['gitter-access-token'] }),
];
