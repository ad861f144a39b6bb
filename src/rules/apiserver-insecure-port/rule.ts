/**
 * The insecure port serves the API over plain HTTP with no authentication and no authorization.
 * Before Kubernetes 1.20 it was on by default (127.0.0.1:8080); 1.20 only accepts 0 and 1.24
 * removed the flag.
 */
import { defineRule, fail, warn } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ComponentInvocation, ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { intFlag } from '../_shared/flag-values.js';

const LOCALHOST = new Set(['127.0.0.1', 'localhost', '::1']);

function bindAddress(apiserver: ComponentInvocation): string {
  return apiserver.flags.last('insecure-bind-address')?.value ?? '127.0.0.1';
}

export const rule = defineRule({
  id: 'apiserver-insecure-port',
  title: 'API server serves the unauthenticated insecure port',
  severity: 'critical',
  threats: ['api-server-kubelet', 'identity-access'],
  mitre: ['T1190', 'T1078'],
  remediation: 'Start kube-apiserver with --insecure-port=0 (or upgrade to Kubernetes 1.20 or later, where it is always off).',
  references: [
    'https://kubernetes.io/docs/concepts/security/controlling-access/#api-server-ports-and-ips',
    'https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-1.20.md#deprecation',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['kube-apiserver'], function* (apiserver) {
      const port = intFlag(apiserver, 'insecure-port', 8080);
      const who = describeInvocation(apiserver);
      const address = bindAddress(apiserver);
      const local = LOCALHOST.has(address);
      const exposure = local ? 'any process on the control-plane node (or any hostNetwork pod there)' : `anyone who reaches ${address}`;
      if (port.state === 'invalid') {
        yield warn(`${who} sets --insecure-port=${port.raw}, which is not a port number: kube-apiserver refuses to start with it`, port.path);
      } else if (port.state === 'set' && port.value !== 0) {
        yield fail(`${who} serves the API without authentication or authorization on ${address}:${port.value}: ${exposure} is cluster-admin`, port.path, local ? 'high' : 'critical');
      } else if (port.state === 'default') {
        const minor = apiserver.kubernetesMinor;
        if (minor !== undefined && minor < 20) {
          yield fail(`${who} runs Kubernetes 1.${minor} without --insecure-port=0, so it serves the API without authentication on ${address}:8080: ${exposure} is cluster-admin`, port.path, local ? 'high' : 'critical');
        }
      }
    });
  },
});
