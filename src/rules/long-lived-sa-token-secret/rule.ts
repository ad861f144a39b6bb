/**
 * A Secret of type kubernetes.io/service-account-token makes the token controller store a token
 * for the ServiceAccount that never expires and is not bound to any pod. Whoever reads the Secret
 * (a backup, a log, a user with secrets get) holds the ServiceAccount's permissions until the
 * Secret is deleted. Pods get short-lived, audience-bound projected tokens instead.
 */
import { defineRule, fail } from '../../core/rule.js';
import { escapeToken } from '../../lib/json-pointer.js';
import { asRecord, asString } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

const SERVICE_ACCOUNT_ANNOTATION = 'kubernetes.io/service-account.name';

export const rule = defineRule({
  id: 'long-lived-sa-token-secret',
  title: 'Long-lived ServiceAccount token Secret',
  severity: 'medium',
  threats: ['identity-access', 'lateral-movement'],
  mitre: ['T1528', 'T1552.007', 'T1078'],
  remediation: 'Delete the token Secret and obtain short-lived tokens through the TokenRequest API (projected volumes or kubectl create token).',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets',
    'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#manual-secret-management-for-serviceaccounts',
  ],
  target: { kinds: ['Secret'] },
  *check(secret: Resource) {
    if (asString(secret.object.type) !== 'kubernetes.io/service-account-token') return;
    const annotations = asRecord(asRecord(secret.object.metadata)?.annotations);
    const account = asString(annotations?.[SERVICE_ACCOUNT_ANNOTATION]);
    const name = `Secret "${secret.namespace ?? 'default'}/${secret.name}"`;
    yield fail(
      account === undefined
        ? `${name} is a service-account-token Secret: a token that never expires (it names no ServiceAccount, so the API server rejects it until one is set)`
        : `${name} holds a token of ServiceAccount "${account}" that never expires and is bound to no pod`,
      account === undefined ? '/type' : `/metadata/annotations/${escapeToken(SERVICE_ACCOUNT_ANNOTATION)}`,
    );
  },
});
