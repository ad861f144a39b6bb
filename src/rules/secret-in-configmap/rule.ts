/**
 * Credentials stored in ConfigMaps instead of Secrets. ConfigMaps are readable by far more
 * subjects (the `view` role, every tool that dumps config), are never encrypted at rest by
 * EncryptionConfiguration defaults, and end up in logs and Git.
 */
import { Buffer } from 'node:buffer';
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asRecord } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';
import type { SecretMatch } from '../_shared/secret-values.js';
import { redact } from '../../lib/redact.js';
import { findSecretsInEntry, findSecretsInText, notListed } from '../_shared/secret-values.js';

function describe(matches: readonly SecretMatch[]): string {
  return matches.map((m) => `${m.what} (${redact(m.value)})${notListed(m)}`).join(', ');
}

export const rule = defineRule({
  id: 'secret-in-configmap',
  title: 'Credential stored in a ConfigMap',
  severity: 'high',
  threats: ['data-exfiltration', 'identity-access', 'supply-chain'],
  mitre: ['T1552.007', 'T1552.001'],
  remediation: 'Move the value into a Secret (ideally one synced from an external secret store) and reference it from the workload with secretKeyRef or a secret volume.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/configmap/',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  ],
  target: { kinds: ['ConfigMap'] },
  *check(configMap: Resource) {
    const name = `ConfigMap "${configMap.namespace ?? 'default'}/${configMap.name}"`;
    for (const [key, value] of Object.entries(asRecord(configMap.object.data) ?? {})) {
      if (typeof value !== 'string') continue;
      const matches = findSecretsInEntry(key, value);
      if (matches.length > 0) yield fail(`${name} key "${key}" holds ${describe(matches)}`, pointer('/data', key));
    }
    for (const [key, value] of Object.entries(asRecord(configMap.object.binaryData) ?? {})) {
      if (typeof value !== 'string') continue;
      // binaryData is base64; only recognised formats count there, not key names.
      const matches = findSecretsInText(Buffer.from(value, 'base64').toString('latin1'));
      if (matches.length > 0) yield fail(`${name} binary key "${key}" holds ${describe(matches)}`, pointer('/binaryData', key));
    }
  },
});
