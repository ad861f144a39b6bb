/** Cloud providers' credentials. */
import { B, E, type SecretRule } from '../rule.js';

export const CLOUD_RULES: readonly SecretRule[] = [
  { id: 'aws-access-key-id', title: 'AWS access key id', severity: 'critical', keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], pattern: new RegExp(`${B}((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})${E}`, 'g'), minEntropy: 3, gitleaks: ['aws-access-token'] },
  { id: 'aws-secret-access-key', title: 'AWS secret access key', severity: 'critical', keywords: ['aws_secret', 'aws-secret', 'secretaccesskey', 'secret_access_key'], pattern: /(?:aws_?secret_?access_?key|secretaccesskey)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi, minEntropy: 4 },
  { id: 'google-api-key', title: 'Google API key', severity: 'high', keywords: ['aiza'], pattern: new RegExp(`${B}(AIza[A-Za-z0-9_-]{35})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['gcp-api-key'] },
];
