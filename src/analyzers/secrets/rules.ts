/**
 * Secret rules for well-known credential formats. Each names the format's fixed prefix or shape
 * (what the issuing service documents), a cheap keyword that must appear before the regular
 * expression runs, and, for formats with a random body, a minimum Shannon entropy so that
 * placeholders such as "ghp_xxxx…" are not reported. `gitleaks` names the equivalent gitleaks
 * rule, used to measure these rules against its published cases.
 */
export interface SecretRule {
  readonly id: string;
  readonly title: string;
  readonly severity: 'critical' | 'high' | 'medium';
  /** Lower-case substrings; the rule runs only on text containing one of them. */
  readonly keywords: readonly string[];
  /** Group 1, when present, is the secret; otherwise the whole match. */
  readonly pattern: RegExp;
  /** Minimum bits per character of the secret (random tokens are well above 3). */
  readonly minEntropy?: number;
  readonly gitleaks?: string;
}

const B = '(?:^|[^A-Za-z0-9_])';
const E = '(?=$|[^A-Za-z0-9_])';

export const SECRET_RULES: readonly SecretRule[] = [
  { id: 'aws-access-key-id', title: 'AWS access key id', severity: 'critical', keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], pattern: new RegExp(`${B}((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})${E}`, 'g'), minEntropy: 3, gitleaks: 'aws-access-token' },
  { id: 'aws-secret-access-key', title: 'AWS secret access key', severity: 'critical', keywords: ['aws_secret', 'aws-secret', 'secretaccesskey', 'secret_access_key'], pattern: /(?:aws_?secret_?access_?key|secretaccesskey)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi, minEntropy: 4 },
  { id: 'private-key', title: 'Private key', severity: 'critical', keywords: ['private key'], pattern: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g, gitleaks: 'private-key' },
  { id: 'github-token', title: 'GitHub token', severity: 'critical', keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: new RegExp(`${B}(gh[pousr]_[A-Za-z0-9]{36})${E}`, 'g'), minEntropy: 3 },
  { id: 'github-fine-grained-token', title: 'GitHub fine-grained personal access token', severity: 'critical', keywords: ['github_pat_'], pattern: new RegExp(`${B}(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`, 'g'), minEntropy: 3, gitleaks: 'github-fine-grained-pat' },
  { id: 'gitlab-token', title: 'GitLab personal access token', severity: 'critical', keywords: ['glpat-'], pattern: new RegExp(`${B}(glpat-[A-Za-z0-9_-]{20,})${E}`, 'g'), minEntropy: 3 },
  { id: 'slack-token', title: 'Slack token', severity: 'high', keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxe', 'xapp-'], pattern: /(xox[bpar]-\d{8,14}-\d{8,14}(?:-\d{8,14})?-[A-Za-z0-9]{24,34}|xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{32,})/g, minEntropy: 3 },
  { id: 'slack-webhook', title: 'Slack incoming webhook', severity: 'high', keywords: ['hooks.slack.com'], pattern: /https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{40,}/g, gitleaks: 'slack-webhook-url' },
  { id: 'stripe-key', title: 'Stripe secret or restricted key', severity: 'critical', keywords: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'], pattern: new RegExp(`${B}([sr]k_(?:live|test|prod)_[A-Za-z0-9]{20,})${E}`, 'g'), minEntropy: 3, gitleaks: 'stripe-access-token' },
  { id: 'google-api-key', title: 'Google API key', severity: 'high', keywords: ['aiza'], pattern: new RegExp(`${B}(AIza[A-Za-z0-9_-]{35})${E}`, 'g'), minEntropy: 3.5, gitleaks: 'gcp-api-key' },
  { id: 'openai-api-key', title: 'OpenAI API key', severity: 'critical', keywords: ['t3blbkfj'], pattern: /(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})/g, minEntropy: 3, gitleaks: 'openai-api-key' },
  { id: 'anthropic-api-key', title: 'Anthropic API key', severity: 'critical', keywords: ['sk-ant-'], pattern: new RegExp(`${B}(sk-ant-api0\\d-[A-Za-z0-9_-]{93}AA)${E}`, 'g'), minEntropy: 3, gitleaks: 'anthropic-api-key' },
  { id: 'huggingface-token', title: 'Hugging Face access token', severity: 'high', keywords: ['hf_'], pattern: new RegExp(`${B}(hf_[A-Za-z]{34})${E}`, 'g'), minEntropy: 3.5, gitleaks: 'huggingface-access-token' },
  { id: 'npm-token', title: 'npm access token', severity: 'critical', keywords: ['npm_'], pattern: new RegExp(`${B}(npm_[A-Za-z0-9]{36})${E}`, 'g'), minEntropy: 3 },
  { id: 'age-secret-key', title: 'age secret key', severity: 'high', keywords: ['age-secret-key-1'], pattern: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}/g, gitleaks: 'age-secret-key' },
  { id: 'perplexity-api-key', title: 'Perplexity API key', severity: 'high', keywords: ['pplx-'], pattern: new RegExp(`${B}(pplx-[A-Za-z0-9]{48})${E}`, 'g'), minEntropy: 3, gitleaks: 'perplexity-api-key' },
  { id: 'sentry-org-token', title: 'Sentry organisation token', severity: 'high', keywords: ['sntrys_'], pattern: /(sntrys_eyJpYXQiO[A-Za-z0-9+/=]{10,200}(?:LCJyZWdpb25fdXJs|InJlZ2lvbl91cmwi|cmVnaW9uX3VybCI6)[A-Za-z0-9+/=]{10,200}={0,2}_[A-Za-z0-9+/]{43})/g, gitleaks: 'sentry-org-token' },
  { id: 'vault-token', title: 'HashiCorp Vault token', severity: 'critical', keywords: ['hvs.', 'hvb.', 's.'], pattern: new RegExp(`${B}(hvs\\.[A-Za-z0-9_-]{90,120}|hvb\\.[A-Za-z0-9_-]{138,300}|s\\.[A-Za-z0-9]{24})${E}`, 'g'), minEntropy: 3.5 },
  { id: 'jwt', title: 'JSON Web Token', severity: 'medium', keywords: ['eyj'], pattern: new RegExp(`${B}(ey[A-Za-z0-9]{17,}\\.ey[A-Za-z0-9/\\\\_-]{17,}\\.(?:[A-Za-z0-9/\\\\_-]{10,}={0,2})?)${E}`, 'g'), gitleaks: 'jwt' },
  {
    id: 'generic-secret-assignment', title: 'High-entropy value assigned to a secret-like name', severity: 'medium',
    keywords: ['key', 'secret', 'token', 'passw', 'pwd', 'credential', 'auth'],
    pattern: /(?:api[_-]?key|secret|token|passw(?:or)?d|pwd|credentials?|auth)[\w.-]{0,20}["']?\s*(?:[:=]|:=|=>)\s*["']?([A-Za-z0-9+/_.=~-]{16,})["']?/gi,
    minEntropy: 3.7,
  },
];
