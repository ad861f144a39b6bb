/** Private keys in their standard encodings. */
import type { SecretRule } from '../rule.js';

export const KEY_RULES: readonly SecretRule[] = [
  {
    id: 'private-key', title: 'Private key', severity: 'critical', keywords: ['private key'],
    pattern: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g,
    // The body is base64 (PEM) or armoured text: a real key has a long run of it.
    accept: (secret) => /[A-Za-z0-9+/]{40,}/.test(secret.replace(/\s+/g, '')),
    placeholders: 'keep', gitleaks: ['private-key'],
  },
  { id: 'age-secret-key', title: 'age secret key', severity: 'high', keywords: ['age-secret-key-1'], pattern: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}/g, gitleaks: ['age-secret-key'] },
];
