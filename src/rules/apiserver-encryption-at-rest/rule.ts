import { defineRule, fail } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';

export const rule = defineRule({
  id: 'apiserver-encryption-at-rest',
  title: 'API server does not encrypt Secrets at rest',
  severity: 'high',
  threats: ['data-exfiltration', 'api-server-kubelet'],
  mitre: ['T1552.007', 'T1005'],
  remediation: 'Start kube-apiserver with --encryption-provider-config pointing at an EncryptionConfiguration that encrypts secrets with a KMS v2 provider or aescbc/secretbox.',
  references: [
    'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/',
    'https://kubernetes.io/docs/tasks/administer-cluster/kms-provider/',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['kube-apiserver'], function* (apiserver) {
      const config = apiserver.flags.last('encryption-provider-config');
      if (config !== undefined && config.value !== '') return;
      yield fail(
        `${describeInvocation(apiserver)} does not set --encryption-provider-config: Secrets are stored in etcd in plain text, readable from any etcd backup, snapshot or disk`,
        config === undefined ? apiserver.flagsPath : apiserver.argPath(config),
      );
    });
  },
});
