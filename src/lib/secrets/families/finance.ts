/** Finance, banking and cryptocurrency exchange APIs' keys. */
import { B, E, namedRule, type SecretRule, UUID } from '../rule.js';

export const FINANCE_RULES: readonly SecretRule[] = [
  // Plaid access tokens name their environment: "access-production-<UUID>". (The 24-hex client id is not a secret.)
  { id: 'plaid-access-token', title: 'Plaid access token', severity: 'critical', keywords: ['access-sandbox-', 'access-development-', 'access-production-'], pattern: new RegExp(`${B}(access-(?:sandbox|development|production)-${UUID})${E}`, 'g'), minEntropy: 3, gitleaks: ['plaid-api-token'] },
  // Plaid secrets: 30 hex characters, named after the service.
  namedRule({ id: 'plaid-secret', title: 'Plaid secret', severity: 'critical', names: ['plaid'], value: '[a-z0-9]{30}', minEntropy: 3.2, gitleaks: ['plaid-secret-key'] }),
  // Coinbase (legacy API) secrets: 64 URL-safe characters. Current CDP keys are EC private keys (see keys.ts).
  namedRule({ id: 'coinbase-api-secret', title: 'Coinbase API secret', severity: 'critical', names: ['coinbase'], value: '[A-Za-z0-9_-]{64}', minEntropy: 3.5, gitleaks: ['coinbase-access-token'] }),
  // Kraken private keys: the base64 of 64 bytes (88 characters with padding).
  namedRule({ id: 'kraken-private-key', title: 'Kraken API private key', severity: 'critical', names: ['kraken'], value: '[A-Za-z0-9+/]{86}==', minEntropy: 4, gitleaks: ['kraken-access-token'] }),
  // KuCoin API secrets are GUIDs; the 24-hex API key beside them identifies the key and is not reported alone.
  namedRule({ id: 'kucoin-api-secret', title: 'KuCoin API secret', severity: 'critical', names: ['kucoin'], value: UUID, minEntropy: 3, gitleaks: ['kucoin-secret-key'] }),
  // Bittrex API keys and secrets share one shape: 32 hex characters.
  namedRule({ id: 'bittrex-api-key', title: 'Bittrex API key or secret', severity: 'critical', names: ['bittrex'], value: '[a-f0-9]{32}', minEntropy: 3, gitleaks: ['bittrex-access-key', 'bittrex-secret-key'] }),
  // Finicity app keys (32 hex) and partner secrets (20 alphanumerics).
  namedRule({ id: 'finicity-app-key', title: 'Finicity app key', severity: 'high', names: ['finicity'], value: '[a-f0-9]{32}', minEntropy: 3, gitleaks: ['finicity-api-token'] }),
  namedRule({ id: 'finicity-partner-secret', title: 'Finicity partner secret', severity: 'high', names: ['finicity'], value: '[A-Za-z0-9]{20}', minEntropy: 3.2, gitleaks: ['finicity-client-secret'] }),
  // FreshBooks OAuth access tokens: 64 alphanumerics.
  namedRule({ id: 'freshbooks-access-token', title: 'FreshBooks access token', severity: 'high', names: ['freshbooks'], value: '[A-Za-z0-9]{64}', minEntropy: 3.5, gitleaks: ['freshbooks-access-token'] }),
];
