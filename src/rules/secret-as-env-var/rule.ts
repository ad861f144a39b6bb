/**
 * Secrets passed as environment variables are copied into the process environment: inherited by
 * every child process, readable in /proc/<pid>/environ, printed by crash handlers and debug
 * endpoints, and never refreshed when the Secret rotates. Mounted files avoid all of that.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { describeContainer } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'secret-as-env-var',
  title: 'Secret exposed as environment variables',
  severity: 'low',
  threats: ['data-exfiltration', 'container-compromise'],
  mitre: ['T1552.007', 'T1552.001'],
  remediation: 'Mount the Secret as a read-only volume and read the value from the file instead of secretKeyRef or envFrom secretRef.',
  references: [
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
  ],
  target: 'workload',
  *check({ workload }) {
    for (const ref of workload.containers) {
      const who = describeContainer(ref);
      for (const [index, value] of asArray(ref.container.env).entries()) {
        const entry = asRecord(value);
        const secretRef = asRecord(asRecord(entry?.valueFrom)?.secretKeyRef);
        if (secretRef === undefined) continue;
        const variable = asString(entry?.name) ?? `#${String(index)}`;
        const secret = asString(secretRef.name) ?? '?';
        const key = asString(secretRef.key) ?? '?';
        yield fail(`${who} reads key "${key}" of Secret "${secret}" into environment variable ${variable}`, pointer(ref.path, 'env', index, 'valueFrom', 'secretKeyRef'));
      }
      for (const [index, value] of asArray(ref.container.envFrom).entries()) {
        const secretRef = asRecord(asRecord(value)?.secretRef);
        if (secretRef === undefined) continue;
        const secret = asString(secretRef.name) ?? '?';
        yield fail(`${who} imports every key of Secret "${secret}" as environment variables (envFrom)`, pointer(ref.path, 'envFrom', index, 'secretRef'));
      }
    }
  },
});
