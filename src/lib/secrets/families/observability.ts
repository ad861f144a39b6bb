/** Monitoring, logging and error-tracking services' tokens. */
import type { SecretRule } from '../rule.js';

export const OBSERVABILITY_RULES: readonly SecretRule[] = [
  { id: 'sentry-org-token', title: 'Sentry organisation token', severity: 'high', keywords: ['sntrys_'], pattern: /(sntrys_eyJpYXQiO[A-Za-z0-9+/=]{10,200}(?:LCJyZWdpb25fdXJs|InJlZ2lvbl91cmwi|cmVnaW9uX3VybCI6)[A-Za-z0-9+/=]{10,200}={0,2}_[A-Za-z0-9+/]{43})/g, gitleaks: ['sentry-org-token'] },
];
