/** Database and data-platform services' credentials. */
import type { SecretRule } from '../rule.js';

export const DATABASES_RULES: readonly SecretRule[] = [
];
