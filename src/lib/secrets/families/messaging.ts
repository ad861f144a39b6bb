/** Chat and messaging services' tokens and webhooks. */
import type { SecretRule } from '../rule.js';

export const MESSAGING_RULES: readonly SecretRule[] = [
  { id: 'slack-token', title: 'Slack token', severity: 'high', keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxe', 'xapp-'], pattern: /(xox[bpar]-\d{8,14}-\d{8,14}(?:-\d{8,14})?-[A-Za-z0-9]{24,34}|xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{32,})/g, minEntropy: 3 },
  { id: 'slack-webhook', title: 'Slack incoming webhook', severity: 'high', keywords: ['hooks.slack.com'], pattern: /https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{40,}/g, gitleaks: ['slack-webhook-url'] },
];
