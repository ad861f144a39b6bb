/**
 * How the API server authenticates bearer tokens: service account tokens must be checked against
 * the objects they name (so deleting a ServiceAccount or Secret revokes them) and verified with a
 * known key; static token files hold credentials that cannot be revoked or rotated.
 */
import type { Violation } from '../../core/rule.js';
import { defineRule, fail, warn } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ComponentInvocation, ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { boolFlag, describeReading } from '../_shared/flag-values.js';
import { missingFlags } from '../_shared/required-flags.js';

function* judge(apiserver: ComponentInvocation): Generator<Violation> {
  const who = describeInvocation(apiserver);
  const tokenFile = apiserver.flags.last('token-auth-file');
  if (tokenFile !== undefined && tokenFile.value !== '') {
    yield fail(`${who} sets --token-auth-file: its static tokens never expire and can only be revoked by editing the file and restarting the API server`, apiserver.argPath(tokenFile), 'high');
  }
  const lookup = boolFlag(apiserver, 'service-account-lookup', true);
  if (lookup.state === 'invalid') yield warn(`${who} ${describeReading('service-account-lookup', lookup)}: kube-apiserver refuses to start with it`, lookup.path);
  else if (!lookup.value) {
    yield fail(`${who} ${describeReading('service-account-lookup', lookup)}: tokens of deleted service accounts and Secrets stay valid until they expire`, lookup.path, 'medium');
  }
  const extend = boolFlag(apiserver, 'service-account-extend-token-expiration', true);
  if (extend.state === 'invalid') yield warn(`${who} ${describeReading('service-account-extend-token-expiration', extend)}: kube-apiserver refuses to start with it`, extend.path);
  else if (extend.value) {
    yield fail(`${who} ${describeReading('service-account-extend-token-expiration', extend)}: projected tokens are accepted for a year instead of their requested lifetime, so a stolen token stays useful`, extend.path, 'low');
  }
  yield* missingFlags(apiserver, [
    { flags: ['service-account-key-file'], why: 'the keys that verify service account tokens are not named, so the API server falls back to its TLS key and key rotation breaks every token', severity: 'medium' },
  ]);
}

export const rule = defineRule({
  id: 'apiserver-service-account-tokens',
  title: 'API server token authentication is weak',
  severity: 'medium',
  threats: ['api-server-kubelet', 'identity-access'],
  mitre: ['T1528', 'T1078'],
  remediation: 'Remove --token-auth-file, keep --service-account-lookup=true, set --service-account-extend-token-expiration=false and name the verification keys with --service-account-key-file.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#service-account-tokens',
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['kube-apiserver'], judge);
  },
});
