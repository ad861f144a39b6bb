/**
 * How kube-controller-manager handles service account credentials: each controller should act
 * with its own service account (so RBAC can limit it), and service account tokens and the CA
 * bundle published to pods must come from the cluster's own keys.
 */
import type { Violation } from '../../core/rule.js';
import { defineRule, fail, warn } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ComponentInvocation, ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { boolFlag, describeReading } from '../_shared/flag-values.js';

function* judge(manager: ComponentInvocation): Generator<Violation> {
  const who = describeInvocation(manager);
  const perController = boolFlag(manager, 'use-service-account-credentials', false);
  if (perController.state === 'invalid') {
    yield warn(`${who} ${describeReading('use-service-account-credentials', perController)}: kube-controller-manager refuses to start with it`, perController.path);
  } else if (!perController.value) {
    yield fail(
      `${who} ${describeReading('use-service-account-credentials', perController)}: every controller acts with the controller manager's own, all-powerful credentials instead of a per-controller service account RBAC can limit`,
      perController.path,
      'high',
    );
  }
  for (const [flag, why, severity] of [
    ['root-ca-file', 'pods are not given the cluster CA bundle, so they cannot verify the API server they talk to', 'medium'],
    ['service-account-private-key-file', 'the legacy token controller cannot sign service account token Secrets', 'low'],
  ] as const) {
    const occurrence = manager.flags.last(flag);
    if (occurrence !== undefined && occurrence.value !== '') continue;
    yield fail(`${who} does not set --${flag}: ${why}`, occurrence === undefined ? manager.flagsPath : manager.argPath(occurrence), severity);
  }
}

export const rule = defineRule({
  id: 'controller-manager-service-account-credentials',
  title: 'Controller manager service account credentials are weak',
  severity: 'high',
  threats: ['identity-access', 'api-server-kubelet'],
  mitre: ['T1078', 'T1557'],
  remediation: 'Start kube-controller-manager with --use-service-account-credentials=true, --root-ca-file and --service-account-private-key-file.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['kube-controller-manager'], judge);
  },
});
