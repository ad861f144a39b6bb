/** Source-control platforms' tokens. */
import { B, E, type SecretRule } from '../rule.js';

export const SOURCE_CONTROL_RULES: readonly SecretRule[] = [
  { id: 'github-token', title: 'GitHub token', severity: 'critical', keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: new RegExp(`${B}(gh[pousr]_[A-Za-z0-9]{36})${E}`, 'g'), minEntropy: 3 },
  { id: 'github-fine-grained-token', title: 'GitHub fine-grained personal access token', severity: 'critical', keywords: ['github_pat_'], pattern: new RegExp(`${B}(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`, 'g'), minEntropy: 3, gitleaks: ['github-fine-grained-pat'] },
  { id: 'gitlab-token', title: 'GitLab personal access token', severity: 'critical', keywords: ['glpat-'], pattern: new RegExp(`${B}(glpat-[A-Za-z0-9_-]{20,})${E}`, 'g'), minEntropy: 3 },
];
