/** Social networks' and media platforms' API credentials. */
import type { SecretRule } from '../rule.js';

export const SOCIAL_RULES: readonly SecretRule[] = [
];
