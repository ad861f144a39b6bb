import { defineRule, fail, skip, warn } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { boolFlag, describeReading } from '../_shared/flag-values.js';

export const rule = defineRule({
  id: 'apiserver-anonymous-auth',
  title: 'API server accepts anonymous requests',
  severity: 'high',
  threats: ['api-server-kubelet', 'identity-access'],
  mitre: ['T1078.001', 'T1190'],
  remediation: 'Start kube-apiserver with --anonymous-auth=false, or limit anonymous access to the health endpoints with an AuthenticationConfiguration.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['kube-apiserver'], function* (apiserver) {
      const reading = boolFlag(apiserver, 'anonymous-auth', true);
      if (reading.state === 'default' && apiserver.flags.has('authentication-config')) {
        yield skip('anonymous authentication is configured in the --authentication-config file, which is not part of the input');
        return;
      }
      const what = `${describeInvocation(apiserver)} ${describeReading('anonymous-auth', reading)}`;
      if (reading.state === 'invalid') yield warn(`${what}: kube-apiserver refuses to start with it`, reading.path);
      else if (reading.value) yield fail(`${what}: requests without credentials are served as system:anonymous, and any RBAC grant to it is open to the network`, reading.path);
    });
  },
});
