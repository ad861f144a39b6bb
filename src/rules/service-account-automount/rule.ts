/**
 * A ServiceAccount decides, for every pod that runs as it without saying otherwise, whether the
 * kubelet mounts an API token into the pod. Unless the ServiceAccount sets
 * automountServiceAccountToken: false, every such pod carries a credential, including the many
 * that never talk to the API. Pods that need it can still opt in with the pod-level field.
 */
import { z } from 'zod';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';

const options = z.object({
  /** ServiceAccounts whose pods need the token, as `namespace/name`. */
  allow: z.array(z.string()).default([]),
});
type Options = z.infer<typeof options>;

export const rule = defineRule({
  id: 'service-account-automount',
  title: 'ServiceAccount mounts its token into pods by default',
  severity: 'low',
  threats: ['identity-access', 'container-compromise'],
  mitre: ['T1528', 'T1552.007'],
  remediation: 'Set automountServiceAccountToken: false on the ServiceAccount and opt in per pod with spec.automountServiceAccountToken: true where the API is needed.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    'https://kubernetes.io/docs/concepts/security/service-accounts/',
  ],
  options,
  target: { kinds: ['ServiceAccount'] },
  *check(account: Resource, { options: { allow } }: RuleContext<Options>) {
    const key = `${account.namespace ?? 'default'}/${account.name}`;
    if (allow.includes(key)) return;
    const value: unknown = account.object.automountServiceAccountToken;
    if (value === false) return;
    const why = value === true ? 'sets automountServiceAccountToken: true' : 'does not set automountServiceAccountToken: false';
    const scope = account.name === 'default' ? 'every pod of the namespace that names no ServiceAccount' : 'every pod that runs as it';
    yield fail(`ServiceAccount "${key}" ${why}, so ${scope} gets an API token mounted unless the pod opts out`, value === true ? '/automountServiceAccountToken' : '');
  },
});
