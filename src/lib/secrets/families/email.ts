/** E-mail, SMS and notification delivery services' keys. */
import type { SecretRule } from '../rule.js';

export const EMAIL_RULES: readonly SecretRule[] = [
];
