/** Infrastructure tooling: secret stores, provisioning and deployment services. */
import { B, E, type SecretRule } from '../rule.js';

export const INFRASTRUCTURE_RULES: readonly SecretRule[] = [
  { id: 'vault-token', title: 'HashiCorp Vault token', severity: 'critical', keywords: ['hvs.', 'hvb.', 's.'], pattern: new RegExp(`${B}(hvs\\.[A-Za-z0-9_-]{90,120}|hvb\\.[A-Za-z0-9_-]{138,300}|s\\.[A-Za-z0-9]{24})${E}`, 'g'), minEntropy: 3.5 },
];
