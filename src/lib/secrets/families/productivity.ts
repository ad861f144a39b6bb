/** Productivity, collaboration and CRM services' tokens. */
import type { SecretRule } from '../rule.js';

export const PRODUCTIVITY_RULES: readonly SecretRule[] = [
];
