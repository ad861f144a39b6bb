/**
 * kube-controller-manager and kube-scheduler serve health, metrics and (when enabled) profiling on
 * their secure ports (10257, 10259). They listen on all interfaces by default; nothing outside the
 * node needs them.
 */
import { defineRule, fail } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { Component, ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';

const COMPONENTS: readonly Component[] = ['kube-controller-manager', 'kube-scheduler'];
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const rule = defineRule({
  id: 'control-plane-bind-address',
  title: 'Controller manager or scheduler listens on all interfaces',
  severity: 'medium',
  threats: ['api-server-kubelet', 'network-security'],
  mitre: ['T1046', 'T1190'],
  remediation: 'Start kube-controller-manager and kube-scheduler with --bind-address=127.0.0.1.',
  references: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, COMPONENTS, function* (component) {
      const flag = component.flags.last('bind-address');
      // The default, like an empty value, is every interface.
      if (flag !== undefined && LOOPBACK.has(flag.value)) return;
      const where = flag === undefined || flag.value === '' ? 'does not set --bind-address (default 0.0.0.0)' : `sets --bind-address=${flag.value}`;
      yield fail(
        `${describeInvocation(component)} ${where}: its secure port (health, metrics, profiling) is reachable from the network instead of only from the node`,
        flag === undefined ? component.flagsPath : component.argPath(flag),
      );
    });
  },
});
