/** Finance, banking and cryptocurrency exchange APIs' keys. */
import type { SecretRule } from '../rule.js';

export const FINANCE_RULES: readonly SecretRule[] = [
];
