/** Payment processors' keys. */
import { B, E, namedRule, type SecretRule } from '../rule.js';

export const PAYMENTS_RULES: readonly SecretRule[] = [
  // Secret and restricted keys: a mode and up to 255 characters in all.
  { id: 'stripe-key', title: 'Stripe secret or restricted key', severity: 'critical', keywords: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'], pattern: new RegExp(`${B}([sr]k_(?:live|test|prod)_[A-Za-z0-9]{20,247})${E}`, 'g'), minEntropy: 3, gitleaks: ['stripe-access-token'] },
  // Webhook signing secrets ("whsec_", Stripe's and Svix's): whoever holds one can forge events the
  // application trusts (payment succeeded...).
  { id: 'webhook-signing-secret', title: 'Stripe or Svix webhook signing secret', severity: 'high', keywords: ['whsec_'], pattern: new RegExp(`${B}(whsec_[A-Za-z0-9+/]{32,88}={0,2})${E}`, 'g'), minEntropy: 3.5 },
  // Braintree (PayPal) access tokens: environment, merchant id and a 32-hex secret, "$"-separated.
  { id: 'braintree-access-token', title: 'Braintree access token', severity: 'critical', keywords: ['access_token$production$', 'access_token$sandbox$'], pattern: /(access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32})(?![A-Za-z0-9])/g, minEntropy: 3 },
  // Access tokens: "EAAA" and 60 characters (current), "sq0atp-" and 22 (legacy); OAuth
  // application secrets: "sq0csp-" and 43.
  { id: 'square-access-token', title: 'Square access token or application secret', severity: 'critical', keywords: ['eaaa', 'sq0atp-', 'sq0csp-'], pattern: new RegExp(`${B}(EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43})${E}`, 'g'), minEntropy: 3, gitleaks: ['square-access-token', 'square-secret'] },
  // Secret keys: "FLWSECK-" (live) or "FLWSECK_TEST-", 32 hex characters and "-X".
  { id: 'flutterwave-secret-key', title: 'Flutterwave secret key', severity: 'critical', keywords: ['flwseck'], pattern: new RegExp(`${B}(FLWSECK(?:_TEST)?-[a-fA-F0-9]{32}-X)${E}`, 'g'), minEntropy: 3, gitleaks: ['flutterwave-secret-key'] },
  // Encryption keys: "FLWSECK" (live) or "FLWSECK_TEST" and 12 hex characters; not followed by
  // more hex, so the start of a secret key is not taken for one.
  { id: 'flutterwave-encryption-key', title: 'Flutterwave encryption key', severity: 'high', keywords: ['flwseck'], pattern: new RegExp(`${B}(FLWSECK(?:_TEST)?-?[a-fA-F0-9]{12})(?![A-Za-z0-9_-])`, 'g'), minEntropy: 2.5, gitleaks: ['flutterwave-encryption-key'] },
  // Access tokens: "live_" or "sandbox_" and 40 URL-safe characters, named after the service.
  namedRule({ id: 'gocardless-access-token', title: 'GoCardless access token', severity: 'critical', names: ['gocardless'], value: '(?:live|sandbox)_[A-Za-z0-9_=-]{40}', minEntropy: 3.5, gitleaks: ['gocardless-api-token'] }),
];
