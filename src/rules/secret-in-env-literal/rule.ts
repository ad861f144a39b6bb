/**
 * A credential written as a literal env value lives in the manifest: in Git, in CI logs, in every
 * copy of the object (kubectl get -o yaml, the last-applied annotation, audit logs, backups) and
 * readable by anyone who may read the workload. valueFrom.secretKeyRef keeps it in a Secret.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { describeContainer } from '../_lib/pod.js';
import { redact } from '../../lib/redact.js';
import { credentialFormat, isPlaceholderValue, isSecretName, urlPassword } from './secret-names.js';

export const rule = defineRule({
  id: 'secret-in-env-literal',
  title: 'Secret written as a literal environment variable',
  severity: 'high',
  threats: ['data-exfiltration', 'identity-access', 'supply-chain'],
  mitre: ['T1552.001', 'T1552.007'],
  remediation: 'Move the value into a Secret and reference it with env[].valueFrom.secretKeyRef (or mount it as a file).',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  ],
  target: 'workload',
  *check({ workload }) {
    for (const ref of workload.containers) {
      for (const [index, item] of asArray(ref.container.env).entries()) {
        const env = asRecord(item);
        const name = asString(env?.name);
        const value = asString(env?.value);
        if (name === undefined || value === undefined) continue;
        const path = pointer(ref.path, 'env', index, 'value');
        const who = describeContainer(ref);
        const inUrl = urlPassword(value);
        const format = inUrl === undefined ? credentialFormat(value) : undefined;
        if (inUrl !== undefined) {
          yield fail(`${who} sets ${name} to a URL with an embedded password (${redact(inUrl)}) as a literal value`, path);
        } else if (format !== undefined) {
          yield fail(`${who} sets ${name} to a literal ${format} (${redact(value)})`, path);
        } else if (isSecretName(name) && !isPlaceholderValue(value)) {
          yield fail(`${who} sets the secret-looking variable ${name} to a literal value (${redact(value)})`, path);
        }
      }
    }
  },
});
