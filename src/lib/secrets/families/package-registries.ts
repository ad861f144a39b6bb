/** Package registries' publishing tokens. */
import { B, E, type SecretRule } from '../rule.js';

export const PACKAGE_REGISTRY_RULES: readonly SecretRule[] = [
  { id: 'npm-token', title: 'npm access token', severity: 'critical', keywords: ['npm_'], pattern: new RegExp(`${B}(npm_[A-Za-z0-9]{36})${E}`, 'g'), minEntropy: 3 },
];
