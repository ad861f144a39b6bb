/** CI/CD, deployment and hosting platforms' tokens. */
import type { SecretRule } from '../rule.js';

export const CI_CD_RULES: readonly SecretRule[] = [
];
