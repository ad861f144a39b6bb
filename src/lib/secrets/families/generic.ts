/**
 * Formats that belong to no one service: JSON Web Tokens, and high-entropy values assigned to
 * secret-like names. They come last in the catalog, so a value a specific rule names is reported
 * under that rule.
 */
import { B, E, type SecretRule } from '../rule.js';

export const GENERIC_RULES: readonly SecretRule[] = [
  { id: 'jwt', title: 'JSON Web Token', severity: 'medium', keywords: ['eyj'], pattern: new RegExp(`${B}(ey[A-Za-z0-9]{17,}\\.ey[A-Za-z0-9/\\\\_-]{17,}\\.(?:[A-Za-z0-9/\\\\_-]{10,}={0,2})?)${E}`, 'g'), gitleaks: ['jwt'] },
  {
    id: 'generic-secret-assignment', title: 'High-entropy value assigned to a secret-like name', severity: 'medium',
    keywords: ['key', 'secret', 'token', 'passw', 'pwd', 'credential', 'auth'],
    pattern: /(?:api[_-]?key|secret|token|passw(?:or)?d|pwd|credentials?|auth)[\w.-]{0,20}["']?\s*(?:[:=]|:=|=>)\s*["']?([A-Za-z0-9+/_.=~-]{16,})["']?/gi,
    minEntropy: 3.7,
  },
];
