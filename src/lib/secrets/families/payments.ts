/** Payment processors' keys. */
import { B, E, type SecretRule } from '../rule.js';

export const PAYMENTS_RULES: readonly SecretRule[] = [
  { id: 'stripe-key', title: 'Stripe secret or restricted key', severity: 'critical', keywords: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'], pattern: new RegExp(`${B}([sr]k_(?:live|test|prod)_[A-Za-z0-9]{20,})${E}`, 'g'), minEntropy: 3, gitleaks: ['stripe-access-token'] },
];
